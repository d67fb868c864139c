namespace S3Exchange.Build.Planning;

/// <summary>A shard to store: its members in archive order and its content-addressed key.</summary>
/// <param name="Key">The archive key, relative to the store's base prefix.</param>
/// <param name="Digest">The hex digest the key is named after (see <see cref="ContentKeys"/>).</param>
internal sealed record PlannedShard(string Key, string Digest, IReadOnlyList<PublishFile> Files)
{
    public long ContentBytes => Files.Sum(f => f.SizeBytes);
}

/// <summary>A file stored alone (above the loose-file threshold) under its content-addressed key.</summary>
internal sealed record PlannedLooseFile(string Key, PublishFile File);

/// <summary>Everything one publish will store, decided before any request is sent.</summary>
internal sealed record PublishPlan(
    string ManifestKey,
    string ContentPrefix,
    ShardCompression Compression,
    IReadOnlyList<PlannedShard> Shards,
    IReadOnlyList<PlannedLooseFile> LooseFiles)
{
    public int FileCount => Shards.Sum(s => s.Files.Count) + LooseFiles.Count;

    public long ContentBytes => Shards.Sum(s => s.ContentBytes) + LooseFiles.Sum(l => l.File.SizeBytes);
}
