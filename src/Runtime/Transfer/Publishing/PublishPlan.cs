namespace S3Exchange;

/// <summary>Everything one publish stores, decided before any request is sent.</summary>
/// <param name="ManifestKey">The manifest's key, relative to the store's base prefix.</param>
/// <param name="ContentPrefix">The prefix of shards and loose objects, relative to the store's base prefix.</param>
/// <param name="Compression">How the shards are compressed.</param>
/// <param name="CompressionLevel">The gzip level the shards are written at (0–9; named in their keys); plain tar ignores it.</param>
/// <param name="Shards">The shards, in path order of their first member.</param>
/// <param name="LooseFiles">The files stored alone, in path order.</param>
public sealed record PublishPlan(
    string ManifestKey,
    string ContentPrefix,
    ShardCompression Compression,
    int CompressionLevel,
    IReadOnlyList<PlannedShard> Shards,
    IReadOnlyList<PlannedLooseFile> LooseFiles)
{
    /// <summary>Files in the plan, sharded and loose.</summary>
    public int FileCount => Shards.Sum(s => s.Files.Count) + LooseFiles.Count;

    /// <summary>Bytes of content in the plan.</summary>
    public long ContentBytes => Shards.Sum(s => s.ContentBytes) + LooseFiles.Sum(l => l.File.SizeBytes);

    /// <summary>Files whose content was read and hashed; the others' SHA-256 came from <see cref="PublishRequest.HashCacheFile"/>.</summary>
    public int FilesHashed { get; init; }

    /// <summary>Why the hash cache was not read or not written (the plan is right either way: the files were hashed), or null.</summary>
    public string? HashCacheProblem { get; init; }
}

/// <summary>A shard to store: its members in archive order and its content-addressed key.</summary>
/// <param name="Key">The archive key, relative to the store's base prefix.</param>
/// <param name="Digest">The hex digest the key is named after: the SHA-256 of the compression (with its level) and the member list (paths, sizes, hashes, modes).</param>
/// <param name="Files">The members, in archive order.</param>
public sealed record PlannedShard(string Key, string Digest, IReadOnlyList<PublishFile> Files)
{
    /// <summary>Bytes of content in the shard.</summary>
    public long ContentBytes => Files.Sum(f => f.SizeBytes);
}

/// <summary>A file stored alone (above the loose-file threshold) under its content-addressed key.</summary>
/// <param name="Key">The object key, relative to the store's base prefix.</param>
/// <param name="File">The file.</param>
public sealed record PlannedLooseFile(string Key, PublishFile File);
