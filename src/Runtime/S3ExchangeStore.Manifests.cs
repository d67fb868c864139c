using System.Runtime.CompilerServices;

namespace S3Exchange;

public sealed partial class S3ExchangeStore
{
    /// <summary>
    /// The entries of a manifest as they stream in (the Python <c>iter_manifest_entries</c>),
    /// with <c>manifest_ref</c> entries replaced by the entries they point to unless
    /// <paramref name="resolveRefs"/> is false.
    /// </summary>
    /// <exception cref="ManifestNotFoundException">The manifest, or a part it references, does not exist.</exception>
    /// <exception cref="InvalidManifestException">A line is not a valid entry.</exception>
    public ManifestQuery<ManifestEntry> ReadManifestEntriesAsync(string manifestKey, bool resolveRefs = true, int? limit = null, CancellationToken cancellationToken = default)
    {
        RequirePositive(limit, nameof(limit));
        var fullKey = ResolveKey(manifestKey);
        return new ManifestQuery<ManifestEntry>((_, token) => Take(manifestReader.ReadAsync(fullKey, resolveRefs, null, token), limit, token), cancellationToken);
    }

    /// <summary>
    /// Writes a manifest (the Python <c>write_manifest</c>): replaces it, or with
    /// <see cref="ManifestWriteMode.AppendParts"/> writes the entries to a new part file and
    /// references it from the root, safely under concurrent writers.
    /// </summary>
    public async Task WriteManifestAsync(string manifestKey, IEnumerable<ManifestEntry> entries, ManifestWriteMode mode = ManifestWriteMode.Overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var fullKey = ResolveKey(manifestKey);
        if (mode == ManifestWriteMode.AppendParts)
        {
            await manifestPublisher.AppendPartAsync(fullKey, entries, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await manifestPublisher.OverwriteAsync(fullKey, entries, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends JSON Lines already serialised as a new part of a manifest (for <see cref="ManifestWriter"/>).</summary>
    internal Task AppendManifestPartAsync(string manifestKey, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken) =>
        manifestPublisher.AppendPartAsync(ResolveKey(manifestKey), lines, cancellationToken);

    /// <summary>
    /// The file entries of a manifest without fetching their content (the Python
    /// <c>list_manifest_files</c>); with <paramref name="includeShards"/>, shard members too,
    /// read from each archive's internal manifest.
    /// </summary>
    public ManifestQuery<FileEntry> ListManifestFilesAsync(string manifestKey, bool includeShards = true, CancellationToken cancellationToken = default) =>
        ListManifestFilesAsync(manifestKey, new ReadObjectsOptions { ExpandShards = includeShards }, cancellationToken);

    /// <inheritdoc cref="ListManifestFilesAsync(string, bool, CancellationToken)"/>
    public ManifestQuery<FileEntry> ListManifestFilesAsync(string manifestKey, ReadObjectsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequirePositive(options.Limit, nameof(options.Limit));
        var fullKey = ResolveKey(manifestKey);
        return new ManifestQuery<FileEntry>((query, token) => Take(ListFilesAsync(query, fullKey, options, token), options.Limit, token), cancellationToken);
    }

    /// <summary>
    /// The file entries (shard members included) whose key starts with
    /// <paramref name="prefixFilter"/>, resolved like any key (the Python <c>list_by_manifest_prefix</c>).
    /// </summary>
    public ManifestQuery<FileEntry> ListByManifestPrefixAsync(string manifestKey, string prefixFilter, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(manifestKey);
        var prefix = ResolvePrefix(prefixFilter);
        var options = new ReadObjectsOptions();
        return new ManifestQuery<FileEntry>((query, token) => WhereKeyStartsWith(ListFilesAsync(query, fullKey, options, token), prefix, token), cancellationToken);
    }

    /// <summary>
    /// Every bucket key a manifest uses, each once: the root and its part files, loose objects
    /// and shard archives (members are inside their archives).
    /// </summary>
    public async IAsyncEnumerable<string> ListManifestKeysAsync(string manifestKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inventory = await ManifestInventory.CollectAsync(manifestReader, ResolveKey(manifestKey), dedupe: true, cancellationToken).ConfigureAwait(false);
        foreach (var key in inventory.Manifests.Concat(inventory.Objects).Concat(inventory.Archives))
        {
            yield return key;
        }
    }

    /// <summary>
    /// Rewrites a manifest flat into <paramref name="destinationManifestKey"/> (the Python
    /// <c>compact_manifest</c>): references resolved, shards optionally expanded into member
    /// entries, duplicates dropped. Source and destination may be the same key.
    /// </summary>
    public async Task<CompactReport> CompactManifestAsync(string sourceManifestKey, string destinationManifestKey, CompactOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CompactOptions();
        var compactor = new ManifestCompactor(manifestReader, ListShardMembersAsync);
        var (entries, report) = await compactor.CompactAsync(ResolveKey(sourceManifestKey), options, cancellationToken).ConfigureAwait(false);
        await manifestPublisher.OverwriteAsync(ResolveKey(destinationManifestKey), entries, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async IAsyncEnumerable<FileEntry> ListFilesAsync(ManifestQuery<FileEntry> query, string fullKey, ReadObjectsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (file, _) in ListFilesWithShardsAsync(query.RecordSkipped, fullKey, options, cancellationToken).ConfigureAwait(false))
        {
            yield return file;
        }
    }

    // Each file entry with the shard entry it was expanded from (null for entries that are
    // lines of the manifest itself), so callers can read a whole shard in one pass.
    internal async IAsyncEnumerable<(FileEntry File, ShardEntry? Shard)> ListFilesWithShardsAsync(Action<ShardReadException> recordSkipped, string fullKey, ReadObjectsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in manifestReader.ReadAsync(fullKey, true, null, cancellationToken).ConfigureAwait(false))
        {
            if (entry is FileEntry file)
            {
                yield return (file, null);
                continue;
            }

            if (entry is not ShardEntry shard || !options.ExpandShards)
            {
                continue;
            }

            IReadOnlyList<FileEntry> members;
            try
            {
                members = await ListShardMembersAsync(shard, cancellationToken).ConfigureAwait(false);
            }
            catch (ShardReadException ex) when (options.SkipUnreadableShards)
            {
                recordSkipped(ex);
                continue;
            }

            foreach (var member in members)
            {
                yield return (member, shard);
            }
        }
    }

    // Plain tar archives are indexed with ranged reads of their head; compressed ones are
    // streamed only up to the end of their internal manifest, their first member.
    private async Task<IReadOnlyList<FileEntry>> ListShardMembersAsync(ShardEntry shard, CancellationToken cancellationToken)
    {
        if (shard.EffectiveCompression == ShardCompression.None)
        {
            var index = await shardIndexes.GetAsync(shard.ArchiveKey, shard.InternalManifestPath ?? ShardEntry.DefaultInternalManifestPath, cancellationToken).ConfigureAwait(false);
            if (index is not null)
            {
                return index.Members.Select(m => WithArchive(m, shard.ArchiveKey)).ToList();
            }
        }

        var reader = await ShardMemberReader.OpenAsync(storage, shard, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ListMembersAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static FileEntry WithArchive(FileEntry member, string archiveKey)
    {
        var copy = member.Clone();
        copy.ArchiveKey = archiveKey;
        copy.Key = VirtualKey.Compose(archiveKey, member.MemberPath!);
        return copy;
    }

    private static async IAsyncEnumerable<T> Take<T>(IAsyncEnumerable<T> source, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
            if (++count == limit)
            {
                yield break;
            }
        }
    }

    private static async IAsyncEnumerable<FileEntry> WhereKeyStartsWith(IAsyncEnumerable<FileEntry> source, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return entry;
            }
        }
    }

    private static void RequirePositive(int? value, string name)
    {
        if (value is <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive when given.");
        }
    }
}
