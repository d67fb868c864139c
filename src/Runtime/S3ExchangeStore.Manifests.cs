using System.Runtime.CompilerServices;
using System.Security.Cryptography;

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
        return new ManifestQuery<ManifestEntry>("ReadManifestEntries", Bucket, fullKey, (_, token) => AsyncSequences.Take(manifestReader.ReadAsync(fullKey, resolveRefs, null, token), limit, token), cancellationToken);
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
        await S3ExchangeTelemetry.TraceAsync("WriteManifest", Bucket, fullKey, () => manifestPublisher.WriteAsync(fullKey, entries, mode, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Replaces a manifest with JSON Lines already serialised (the publish engine hashes the same bytes it sends).</summary>
    internal Task OverwriteManifestAsync(string manifestKey, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken) =>
        manifestPublisher.OverwriteAsync(ResolveKey(manifestKey), lines, cancellationToken);

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
        return new ManifestQuery<FileEntry>("ListManifestFiles", Bucket, fullKey, (query, token) => AsyncSequences.Take(fileLister.ListAsync(query.RecordSkipped, fullKey, options, token), options.Limit, token), cancellationToken);
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
        return new ManifestQuery<FileEntry>(
            "ListByManifestPrefix",
            Bucket,
            fullKey,
            (query, token) => AsyncSequences.Where(fileLister.ListAsync(query.RecordSkipped, fullKey, options, token), f => f.Key.StartsWith(prefix, StringComparison.Ordinal), token),
            cancellationToken);
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
        var compactor = new ManifestCompactor(manifestReader, shardMembers.ListAsync);
        var destination = ResolveKey(destinationManifestKey);
        return await S3ExchangeTelemetry.TraceAsync("CompactManifest", Bucket, destination, async () =>
        {
            var (entries, report) = await compactor.CompactAsync(ResolveKey(sourceManifestKey), options, cancellationToken).ConfigureAwait(false);
            await manifestPublisher.OverwriteAsync(destination, entries, cancellationToken).ConfigureAwait(false);
            return report;
        }).ConfigureAwait(false);
    }

    // Each file entry with the shard it was expanded from; the download code reads a whole shard in one pass.
    internal IAsyncEnumerable<(FileEntry File, ShardEntry? Shard)> ListFilesWithShardsAsync(Action<ShardReadException> recordSkipped, string fullKey, ReadObjectsOptions options, IncrementalHash? rootDigest, CancellationToken cancellationToken) =>
        fileLister.ListWithShardsAsync(recordSkipped, fullKey, options, rootDigest, cancellationToken);

    private static void RequirePositive(int? value, string name)
    {
        if (value is <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive when given.");
        }
    }
}
