using Microsoft.Extensions.Logging;

namespace S3Exchange;

/// <summary>How an <see cref="S3ExchangeStore"/> names keys and talks to its server.</summary>
public sealed record S3ExchangeStoreOptions
{
    /// <summary>A prefix put in front of every key the store resolves (e.g. <c>prod</c>).</summary>
    public string? BasePrefix { get; init; }

    /// <summary>Values for placeholders that a call does not supply (e.g. <c>service_name</c>).</summary>
    public IReadOnlyDictionary<string, string>? DefaultVariables { get; init; }

    /// <summary>
    /// Where the store logs (category <c>S3Exchange</c>): conflict retries, the switch to
    /// verify-and-repair and other server behaviour detected, skipped shards, multipart aborts.
    /// Null (the default): nothing is logged and nothing is allocated for logging.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Fill in an entry's id from its key (last segment without extension) when none is given. Default true.</summary>
    public bool InferIds { get; init; } = true;

    /// <summary>
    /// The server is S3-compatible rather than AWS (Garage, MinIO, Ceph, moto): uploads are sent
    /// without aws-chunked encoding, which some of them reject. Stores made from
    /// <see cref="S3ExchangeSettings"/> with an endpoint set this for you.
    /// </summary>
    public bool S3CompatibleEndpoint { get; init; }

    /// <summary>How appends to a root manifest are protected against concurrent writers.</summary>
    public ConditionalWriteMode ConditionalWrites { get; init; } = ConditionalWriteMode.Auto;

    /// <summary>
    /// Whether the server's conditional writes are an atomic compare-and-swap, so a 200 to a PUT
    /// with If-Match proves the append stands. Null (the default): true on AWS, false on an
    /// <see cref="S3CompatibleEndpoint"/>, where each append is read back after
    /// <see cref="VerifyDelay"/> and redone when its reference is gone. moto and Ceph RGW 16 check
    /// If-Match before they take the object's lock: two writers on one ETag can both be answered
    /// 200 and one write is lost (seen in this repository's tests under load; docs/servers.md).
    /// Set true only for a server that guarantees the compare-and-swap.
    /// </summary>
    public bool? AtomicConditionalWrites { get; init; }

    /// <summary>Whether a 200 to a conditional root write is trusted without a read-back.</summary>
    internal bool TrustsConditionalWrites => AtomicConditionalWrites ?? !S3CompatibleEndpoint;

    /// <summary>How many times an append re-reads and retries the root manifest before giving up. Default 30.</summary>
    public int ManifestUpdateAttempts { get; init; } = 30;

    /// <summary>
    /// How deep reads follow <c>manifest_ref</c> entries: a root manifest's references are at
    /// depth 1, theirs at depth 2, and so on. A deeper chain is a
    /// <see cref="ManifestDepthExceededException"/>. Reading holds little per level (the
    /// manifest's key, and at most 1 KiB of what follows its reference), so the limit guards
    /// against runaway chains rather than memory. Default 10,000.
    /// </summary>
    public int MaxManifestDepth { get; init; } = 10_000;

    /// <summary>How long an append waits before re-reading the root to verify it: with <see cref="ConditionalWriteMode.VerifyAndRepair"/>, and for conditional writes that are not trusted as atomic (<see cref="AtomicConditionalWrites"/>). Default 300 ms.</summary>
    public TimeSpan VerifyDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Requests in flight at once for operations over many objects (shard uploads, downloads). Default 8.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Part size of multipart uploads; uploads up to this size are one PutObject. Default 8 MiB, at least 5 MiB.</summary>
    public int PartSizeBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Parts of one upload in flight at once. Default 4.</summary>
    public int MaxConcurrentPartsPerUpload { get; init; } = 4;

    /// <summary>
    /// The most bytes of upload buffers the store holds at once, for all its uploads together:
    /// every multipart part (<see cref="PartSizeBytes"/> each, at most
    /// <see cref="MaxConcurrentPartsPerUpload"/> in flight plus the one being filled per upload)
    /// and every shard buffered whole for one PutObject is leased from it, and an upload waits
    /// for room rather than go past it. Memory is then bounded by this figure, not by
    /// <see cref="MaxConcurrency"/> × parts × part size (8 × 5 × 8 MiB = 320 MiB at the defaults).
    /// The store keeps the buffers it has made for its next uploads, within the same figure.
    /// Synchronous writes into an upload (a bzip2 shard's compressor) cannot wait and may go
    /// past it by a part while their parts wait to go up. Default 128 MiB, at least
    /// <see cref="PartSizeBytes"/>.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = 128 * 1024 * 1024;

    /// <summary>The gzip level shards are written at unless changed: 2 (see <see cref="ShardCompressionLevel"/>).</summary>
    public const int DefaultShardCompressionLevel = 2;

    /// <summary>
    /// How hard gzip shards are compressed, on zlib's scale: 0 stores, 1 is fastest, 9 smallest.
    /// Default <see cref="DefaultShardCompressionLevel"/> (2), chosen from the publish benchmark
    /// (docs/performance.md): on .NET's own build output it stores 47% of the bytes at 1.6× the
    /// speed of level 6 (System.IO.Compression's Optimal, 45%), where level 1 stores 55%. Whatever
    /// the level, 1 MiB blocks that would not shrink by 1/16 are stored, and blocks where a search
    /// for matches would buy under 1/16 more than Huffman codes alone (1/64 at levels 6–9) are
    /// Huffman-coded only, by the runtime's own coder. The net8.0 build can only use zlib's named
    /// levels for the rest: 1–3 run as 1, 4–8 as 6.
    /// Bzip2 and plain tar shards ignore it.
    /// </summary>
    public int ShardCompressionLevel { get; init; } = DefaultShardCompressionLevel;

    internal void Validate()
    {
        Positive(ManifestUpdateAttempts, nameof(ManifestUpdateAttempts));
        Positive(MaxManifestDepth, nameof(MaxManifestDepth));
        Positive(MaxConcurrency, nameof(MaxConcurrency));
        Positive(MaxConcurrentPartsPerUpload, nameof(MaxConcurrentPartsPerUpload));
        GzipLevel.Validate(ShardCompressionLevel, nameof(ShardCompressionLevel));
        if (PartSizeBytes < UploadSettings.MinimumPartSize)
        {
            throw new ArgumentOutOfRangeException(nameof(PartSizeBytes), PartSizeBytes, $"PartSizeBytes must be at least {UploadSettings.MinimumPartSize} (S3's smallest part).");
        }

        if (MemoryBudgetBytes < PartSizeBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryBudgetBytes), MemoryBudgetBytes, $"MemoryBudgetBytes must be at least PartSizeBytes ({PartSizeBytes}): an upload needs one part buffer.");
        }

        if (VerifyDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(VerifyDelay), VerifyDelay, "VerifyDelay must not be negative.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
