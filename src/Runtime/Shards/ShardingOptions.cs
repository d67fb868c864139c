namespace S3Exchange;

/// <summary>How <see cref="S3ExchangeStore.PutItemsAsShardsAsync"/> cuts and names shards.</summary>
public sealed record ShardingOptions
{
    /// <summary>Most members per shard; null for no limit. Default 10,000.</summary>
    public int? MaxEntries { get; init; } = 10_000;

    /// <summary>Most member bytes per shard; null for no limit. Default 1 GiB.</summary>
    public long? MaxBytes { get; init; } = 1L << 30;

    /// <summary>Compression of the archives. Default gzip.</summary>
    public ShardCompression Compression { get; init; } = ShardCompression.Gzip;

    /// <summary>
    /// How hard gzip compresses, 0 (stored) to 9 (smallest); null for
    /// <see cref="S3ExchangeStoreOptions.ShardCompressionLevel"/>. Bzip2 and plain tar ignore it.
    /// </summary>
    public int? CompressionLevel { get; init; }

    /// <summary>
    /// Key template of the folder the archives go to, relative to the base prefix; null for
    /// <c>shards</c> beside the manifest. Archives are named <c>shard-00000.tar.gz</c>, …
    /// </summary>
    public string? ShardPrefix { get; init; }

    /// <summary>How the manifest is written once every shard is stored. Default append_parts.</summary>
    public ManifestWriteMode Mode { get; init; } = ManifestWriteMode.AppendParts;

    /// <summary>Told of each shard archive uploaded (<see cref="TransferStep.ShardUploaded"/>: its members, its bytes, shards done of all).</summary>
    public IProgress<TransferProgress>? Progress { get; init; }
}
