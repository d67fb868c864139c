namespace S3Exchange;

/// <summary>Options of <see cref="S3ExchangeStore.ReadObjectsAsync"/> and the manifest listing calls.</summary>
public sealed record ReadObjectsOptions
{
    /// <summary>Yield the members of shard archives (true, the default) or skip shard entries.</summary>
    public bool ExpandShards { get; init; } = true;

    /// <summary>
    /// Skip a shard archive that cannot be read (missing, corrupt) instead of failing; each
    /// skip is recorded in <see cref="ManifestQuery{T}.SkippedShards"/>. Members of a shard that
    /// were yielded before it failed stay yielded.
    /// </summary>
    public bool SkipUnreadableShards { get; init; }

    /// <summary>Stop after this many objects; null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>The default of <see cref="DecompressAheadBytes"/>: 1 MiB.</summary>
    public const int DefaultDecompressAheadBytes = 1024 * 1024;

    /// <summary>
    /// How many decompressed bytes each compressed shard archive may hold ready ahead of the
    /// reader, in 256 KiB chunks (rounded up); default 1 MiB. Archives are decompressed on a
    /// background task, and the next one is fetched and decompressed while the current one is
    /// read: with the default it stops 1 MiB ahead, so one core decompresses while the reader
    /// consumes. Room for most of an archive lets two cores decompress at once: on 2 cores, 32 MiB
    /// took iterating 10 archives of 33 MiB from 1.6 s to 1.15 s (docs/performance.md). Memory
    /// per reader is about twice this (the archive read and the one ahead) plus 1 MiB.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Thrown by the read when it is not positive.</exception>
    public int DecompressAheadBytes { get; init; } = DefaultDecompressAheadBytes;

    /// <summary>The chunks of <see cref="DecompressAheadBytes"/>; throws, naming it, when it is not positive.</summary>
    internal int DecompressAheadChunks()
    {
        if (DecompressAheadBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DecompressAheadBytes), DecompressAheadBytes, $"{nameof(DecompressAheadBytes)} must be positive; not {DecompressAheadBytes}.");
        }

        return (int)(((long)DecompressAheadBytes + DecompressedArchiveStream.ChunkBytes - 1) / DecompressedArchiveStream.ChunkBytes);
    }
}
