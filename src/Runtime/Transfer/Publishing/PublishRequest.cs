namespace S3Exchange;

/// <summary>
/// What <see cref="S3ExchangeStore.PublishAsync(PublishRequest, IProgress{TransferProgress}?, CancellationToken)"/> publishes and where: the files (with their
/// paths below <see cref="Folder"/>), the manifest key (one per build, written last: the
/// commit point) and the content prefix (shards and loose objects, shared by every build so
/// that unchanged content is stored once), with the sharding rules.
/// </summary>
public sealed record PublishRequest
{
    /// <summary>Files per shard at most, unless changed: 1000.</summary>
    public const int DefaultShardMaxEntries = 1000;

    /// <summary>Content bytes per shard at most, unless changed: 64 MiB.</summary>
    public const long DefaultShardMaxBytes = 64L * 1024 * 1024;

    /// <summary>Files larger than this go up as loose objects, unless changed: 16 MiB.</summary>
    public const long DefaultLooseFileThreshold = 16L * 1024 * 1024;

    /// <summary>The folder the files are published from; symlinks among them must not lead out of it.</summary>
    public required string Folder { get; init; }

    /// <summary>The files to publish, each with its path below <see cref="Folder"/>; see <see cref="PublishSource.FromFolder"/> for a whole folder.</summary>
    public required IReadOnlyList<PublishSource> Files { get; init; }

    /// <summary>The manifest's key, relative to the store's base prefix.</summary>
    public required string ManifestKey { get; init; }

    /// <summary>The prefix, relative to the store's base prefix, that content-addressed shards (<c>shards/</c>) and loose objects (<c>objects/</c>) are stored under.</summary>
    public required string ContentPrefix { get; init; }

    /// <summary>Replace the manifest (default) or add the build's entries as a part.</summary>
    public ManifestWriteMode ManifestMode { get; init; } = ManifestWriteMode.Overwrite;

    /// <summary>Files per shard at most.</summary>
    public int ShardMaxEntries { get; init; } = DefaultShardMaxEntries;

    /// <summary>Content bytes per shard at most, unless one file alone is larger.</summary>
    public long ShardMaxBytes { get; init; } = DefaultShardMaxBytes;

    /// <summary>Files larger than this are uploaded as loose objects, not into shards.</summary>
    public long LooseFileThreshold { get; init; } = DefaultLooseFileThreshold;

    /// <summary>
    /// How shard archives are compressed: <see cref="ShardCompression.Gzip"/> (default) or
    /// <see cref="ShardCompression.None"/> (plain tar: no CPU spent, members readable with one ranged GET).
    /// </summary>
    public ShardCompression Compression { get; init; } = ShardCompression.Gzip;

    /// <summary>
    /// The gzip level, 0 (stored) to 9 (smallest), or null (default) for the store's
    /// <see cref="S3ExchangeStoreOptions.ShardCompressionLevel"/>. It is part of each gzip shard's
    /// content key: the same files at another level are other archives under other keys, so
    /// changing it uploads every shard once. Plain tar shards ignore it.
    /// </summary>
    public int? CompressionLevel { get; init; }

    /// <summary>
    /// A local file recording each published file's size, last-write time and SHA-256, or null
    /// (default) to hash every file. With it, a file whose size and last-write time are unchanged
    /// since a hash old enough to be trusted is not read again; every other file is hashed and the
    /// cache rewritten (temporary file, then rename). A cache that cannot be read is ignored, never
    /// an error (<see cref="PublishPlan.HashCacheProblem"/> says why). Give each project its own,
    /// e.g. under <c>obj/</c> as the MSBuild targets do.
    /// </summary>
    public string? HashCacheFile { get; init; }

    /// <summary>
    /// The mean number of files between content-defined shard cuts: half the entry limit, so the
    /// limit is a rare backstop rather than the usual reason a shard ends.
    /// </summary>
    internal int AverageShardEntries => Math.Max(1, ShardMaxEntries / 2);

    /// <summary>Throws when a value cannot be used, naming it.</summary>
    /// <exception cref="ArgumentException">A key or the folder is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative, the compression is not gzip or none, or the level is not 0–9.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Folder, nameof(Folder));
        ArgumentNullException.ThrowIfNull(Files, nameof(Files));
        ArgumentException.ThrowIfNullOrWhiteSpace(ManifestKey, nameof(ManifestKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(ContentPrefix, nameof(ContentPrefix));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ShardMaxEntries, nameof(ShardMaxEntries));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ShardMaxBytes, nameof(ShardMaxBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(LooseFileThreshold, nameof(LooseFileThreshold));
        if (Compression is not (ShardCompression.Gzip or ShardCompression.None))
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "Published shards are gzip or plain tar ('none').");
        }

        if (CompressionLevel is { } level)
        {
            GzipLevel.Validate(level, nameof(CompressionLevel));
        }
    }
}

/// <summary>A file to publish: where it is on disk and its path below the published folder ('/'-separated).</summary>
/// <param name="Path">The file on disk.</param>
/// <param name="RelativePath">Its path below the folder: its member path in a shard, its path on fetch.</param>
public readonly record struct PublishSource(string Path, string RelativePath)
{
    /// <summary>Every file below <paramref name="folder"/>, with its path relative to it.</summary>
    public static IReadOnlyList<PublishSource> FromFolder(string folder)
    {
        var root = System.IO.Path.GetFullPath(folder);
        return Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(path => new PublishSource(path, System.IO.Path.GetRelativePath(root, path).Replace(System.IO.Path.DirectorySeparatorChar, '/')))
            .ToList();
    }
}
