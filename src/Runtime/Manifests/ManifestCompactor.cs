namespace S3Exchange;

/// <summary>
/// Flattens a manifest: references resolved, shards optionally expanded, duplicates dropped
/// (which the reference never did: its <c>removed_entries</c> was always 0).
/// </summary>
internal sealed class ManifestCompactor(
    ManifestReader reader,
    Func<ShardEntry, CancellationToken, Task<IReadOnlyList<FileEntry>>> listShardMembers)
{
    public async Task<(List<ManifestEntry> Entries, CompactReport Report)> CompactAsync(string sourceKey, CompactOptions options, CancellationToken cancellationToken)
    {
        var result = new List<ManifestEntry>();
        var identities = new HashSet<string>(StringComparer.Ordinal);
        var removed = 0;
        var resolvedRefs = 0;
        var expandedShards = 0;

        void Add(ManifestEntry entry)
        {
            if (options.Dedupe && !identities.Add(Identity(entry)))
            {
                removed++;
                return;
            }

            result.Add(entry);
        }

        var entries = reader.ReadAsync(sourceKey, options.ResolveRefs, key => resolvedRefs += key == sourceKey ? 0 : 1, cancellationToken);
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            if (entry is ShardEntry shard && options.ExpandShards)
            {
                expandedShards++;
                foreach (var member in await listShardMembers(shard, cancellationToken).ConfigureAwait(false))
                {
                    Add(member);
                }

                continue;
            }

            Add(entry);
        }

        var report = new CompactReport
        {
            TotalEntries = result.Count,
            RemovedEntries = removed,
            ResolvedRefs = resolvedRefs,
            ExpandedShards = expandedShards,
        };
        return (result, report);
    }

    private static string Identity(ManifestEntry entry) => entry switch
    {
        FileEntry file => "file\n" + file.Key,
        ShardEntry shard => "shard\n" + shard.ArchiveKey,
        ManifestRefEntry reference => "ref\n" + reference.Key,
        _ => throw new ArgumentException($"Unknown entry type {entry.GetType()}.", nameof(entry)),
    };
}
