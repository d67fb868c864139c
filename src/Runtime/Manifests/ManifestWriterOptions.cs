namespace S3Exchange;

/// <summary>When a <see cref="ManifestWriter"/> publishes parts and cuts shards.</summary>
public sealed record ManifestWriterOptions
{
    /// <summary>Publish a part once this many entries are pending. Default 10,000.</summary>
    public int PartMaxEntries { get; init; } = 10_000;

    /// <summary>Publish a part once its JSON reaches this many bytes. Default 16 MiB.</summary>
    public long PartMaxBytes { get; init; } = 16L << 20;

    /// <summary>Write a shard once this many items are buffered for it. Default 1,000.</summary>
    public int ShardMaxEntries { get; init; } = 1_000;

    /// <summary>Write a shard once its buffered items reach this many bytes. Default 256 MiB.</summary>
    public long ShardMaxBytes { get; init; } = 256L << 20;

    /// <summary>Compression of the shards the writer cuts. Default gzip.</summary>
    public ShardCompression ShardCompression { get; init; } = ShardCompression.Gzip;

    /// <summary>Key template of the folder for shards, relative to the base prefix; null for <c>shards</c> beside the manifest.</summary>
    public string? ShardPrefix { get; init; }

    /// <summary>
    /// When the writer is disposed without <see cref="ManifestWriter.CompleteAsync"/> (an error
    /// in the producer): publish what is pending (true) or drop it (false, the default). Parts
    /// already published stay published either way.
    /// </summary>
    public bool PublishOnError { get; init; }

    internal void Validate()
    {
        if (PartMaxEntries <= 0 || PartMaxBytes <= 0 || ShardMaxEntries <= 0 || ShardMaxBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ManifestWriterOptions), "Part and shard limits must be positive.");
        }
    }
}
