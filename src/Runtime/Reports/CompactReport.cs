namespace S3Exchange;

/// <summary>What <see cref="S3ExchangeStore.CompactManifestAsync"/> did (the reference's <c>CompactReport</c>).</summary>
public sealed record CompactReport
{
    /// <summary>Entries written to the destination (<c>total_entries</c>).</summary>
    public int TotalEntries { get; init; }

    /// <summary>Duplicate entries dropped (<c>removed_entries</c>).</summary>
    public int RemovedEntries { get; init; }

    /// <summary>Manifest references replaced by their entries (<c>resolved_refs</c>).</summary>
    public int ResolvedRefs { get; init; }

    /// <summary>Shard entries replaced by their members' file entries (<c>expanded_shards</c>).</summary>
    public int ExpandedShards { get; init; }
}
