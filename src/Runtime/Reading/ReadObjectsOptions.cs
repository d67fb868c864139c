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
}
