namespace S3Exchange;

/// <summary>
/// Every key a manifest uses, sorted by role. Part files are recorded while the references are
/// resolved, so none is missed (the reference collected them after resolving, and lost them).
/// </summary>
internal sealed class ManifestInventory
{
    private ManifestInventory()
    {
    }

    /// <summary>An inventory of known keys (for tests of what is done with one).</summary>
    internal ManifestInventory(IEnumerable<string> manifests, IEnumerable<string> objects, IEnumerable<string> archives)
    {
        Manifests.AddRange(manifests);
        Objects.AddRange(objects);
        Archives.AddRange(archives);
    }

    /// <summary>The root and every part file read, in reading order.</summary>
    public List<string> Manifests { get; } = [];

    /// <summary>Loose objects' keys.</summary>
    public List<string> Objects { get; } = [];

    /// <summary>Shard archives' keys (also of member entries of expanded shards).</summary>
    public List<string> Archives { get; } = [];

    /// <param name="reader">Reads the manifests.</param>
    /// <param name="rootKey">The root manifest's bucket key.</param>
    /// <param name="dedupe">Keep each key once (true) or once per entry that names it.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<ManifestInventory> CollectAsync(ManifestReader reader, string rootKey, bool dedupe, CancellationToken cancellationToken)
    {
        var inventory = new ManifestInventory();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(List<string> into, string key)
        {
            if (!dedupe || seen.Add(key))
            {
                into.Add(key);
            }
        }

        var entries = reader.ReadAsync(rootKey, resolveRefs: true, key => Add(inventory.Manifests, key), cancellationToken);
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            switch (entry)
            {
                case FileEntry { ArchiveKey: { } archiveKey }:
                    Add(inventory.Archives, archiveKey);
                    break;
                case FileEntry file:
                    Add(inventory.Objects, file.Key);
                    break;
                case ShardEntry shard:
                    Add(inventory.Archives, shard.ArchiveKey);
                    break;
            }
        }

        return inventory;
    }
}
