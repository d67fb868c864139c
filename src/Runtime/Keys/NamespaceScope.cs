using System.Text.RegularExpressions;

namespace S3Exchange;

/// <summary>
/// One key namespace with its placeholders filled: the keys under a resolved prefix, laid out
/// by <see cref="KeyLayout"/> (the manifest at <c>{Prefix}/manifest.jsonl</c>, shards at
/// <c>{Prefix}/shards/shard-00000.tar.gz</c>), and store methods that take the store as a
/// parameter and only compute keys. Generated key builders (<c>[S3Namespace]</c>) return it
/// from their <c>For(...)</c> factory, and <see cref="ScopedStore.Namespace"/> derives it, so
/// both build the same keys (docs/keys.md).
/// </summary>
/// <remarks>
/// Keys are relative to the store's base prefix, like every key passed to the store. Store
/// variables may stay in <see cref="Prefix"/> as <c>{name}</c>; the store fills them from
/// <see cref="S3ExchangeStoreOptions.DefaultVariables"/> when it resolves a key.
/// </remarks>
public sealed class NamespaceScope
{
    // "{Prefix}/", or "" for the store's root, so Key() is one concatenation.
    private readonly string prefixWithSlash;
    private string? manifestKey;
    private string? shardFolder;

    /// <summary>Creates the scope of the namespace at <paramref name="prefix"/>.</summary>
    /// <param name="prefix">
    /// The namespace's resolved prefix, relative to the store's base prefix, such as
    /// <c>training/42/samples</c>: normalised (no leading or trailing '/', no "//"); empty for
    /// the store's root.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> starts or ends with '/' or contains "//".</exception>
    public NamespaceScope(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!string.Equals(KeyPath.Normalize(prefix), prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A namespace prefix must not start or end with '/' or contain \"//\": '{prefix}'.", nameof(prefix));
        }

        Prefix = prefix;
        prefixWithSlash = prefix.Length == 0 ? string.Empty : prefix + "/";
    }

    /// <summary>The namespace's key prefix, relative to the store's base prefix; store variables may stay as <c>{name}</c> for the store to fill.</summary>
    public string Prefix { get; }

    /// <summary>The key of the namespace's manifest: <c>{Prefix}/manifest.jsonl</c> (<see cref="KeyLayout.ManifestKey"/>).</summary>
    public string ManifestKey => manifestKey ??= KeyLayout.ManifestKey(Prefix);

    /// <summary>The folder of the namespace's shard archives: <c>{Prefix}/shards</c> (<see cref="KeyLayout.ShardFolder"/>).</summary>
    public string ShardFolder => shardFolder ??= KeyLayout.ShardFolder(Prefix);

    /// <summary>The key of <paramref name="relative"/> inside the namespace: <c>{Prefix}/{relative}</c>.</summary>
    /// <param name="relative">A key relative to <see cref="Prefix"/>, such as <c>0001.wav</c>; not empty and not starting with '/'.</param>
    /// <returns>The key, relative to the store's base prefix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="relative"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="relative"/> is empty or starts with '/'.</exception>
    public string Key(string relative)
    {
        if (relative is null || relative.Length == 0 || relative[0] == '/')
        {
            ThrowInvalidRelativeKey(relative);
        }

        return string.Concat(prefixWithSlash, relative);
    }

    /// <summary>
    /// The key of shard archive <paramref name="index"/>: <c>{Prefix}/shards/shard-00000.tar.gz</c>
    /// (five digits; the extension follows <paramref name="compression"/>: <c>.tar</c>,
    /// <c>.tar.gz</c>, <c>.tar.bz2</c>, <c>.tar.xz</c>).
    /// </summary>
    /// <param name="index">The shard's number, from 0.</param>
    /// <param name="compression">The archive's compression, which names its extension.</param>
    /// <returns>The archive key, relative to the store's base prefix.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative, or <paramref name="compression"/> is not a <see cref="ShardCompression"/> value.</exception>
    public string ShardKey(int index, ShardCompression compression = ShardCompression.Gzip)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (!Enum.IsDefined(compression))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, "Not a ShardCompression value.");
        }

        return KeyLayout.NumberedShardKey(ShardFolder, index, compression);
    }

    /// <summary>Uploads <paramref name="data"/> to <see cref="Key(string)"/>.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="relative">The object's key relative to <see cref="Prefix"/>.</param>
    /// <param name="data">The object's bytes.</param>
    /// <param name="options">Upload options, or null for the store's defaults.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The manifest entry describing the stored object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="relative"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="relative"/> is empty or starts with '/'.</exception>
    public Task<FileEntry> PutObjectAsync(S3ExchangeStore store, string relative, ReadOnlyMemory<byte> data, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutObjectAsync(Key(relative), data, options, cancellationToken);
    }

    /// <summary>Uploads the contents of <paramref name="data"/> to <see cref="Key(string)"/>.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="relative">The object's key relative to <see cref="Prefix"/>.</param>
    /// <param name="data">The stream to upload, read from its current position.</param>
    /// <param name="options">Upload options, or null for the store's defaults.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The manifest entry describing the stored object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="relative"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="relative"/> is empty or starts with '/'.</exception>
    public Task<FileEntry> PutObjectAsync(S3ExchangeStore store, string relative, Stream data, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutObjectAsync(Key(relative), data, options, cancellationToken);
    }

    /// <summary>Uploads the file at <paramref name="filePath"/> to <see cref="Key(string)"/>.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="relative">The object's key relative to <see cref="Prefix"/>.</param>
    /// <param name="filePath">The local file to upload.</param>
    /// <param name="options">Upload options, or null for the store's defaults.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The manifest entry describing the stored object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="relative"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="relative"/> is empty or starts with '/'.</exception>
    public Task<FileEntry> PutFileAsync(S3ExchangeStore store, string relative, string filePath, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutFileAsync(Key(relative), filePath, options, cancellationToken);
    }

    /// <summary>Opens the object at <see cref="Key(string)"/> for reading.</summary>
    /// <param name="store">The store to read from.</param>
    /// <param name="relative">The object's key relative to <see cref="Prefix"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The object's content; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="relative"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="relative"/> is empty or starts with '/'.</exception>
    public Task<Stream> GetObjectAsync(S3ExchangeStore store, string relative, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetObjectAsync(Key(relative), cancellationToken);
    }

    /// <summary>Iterates the objects listed by the manifest at <see cref="ManifestKey"/>, loose and inside shards.</summary>
    /// <param name="store">The store to read from.</param>
    /// <param name="options">Reading options, or null for the store's defaults.</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    /// <returns>The objects, in manifest order, as the store's lazy query (an <see cref="IAsyncEnumerable{T}"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public ManifestQuery<ExchangeObject> ReadObjectsAsync(S3ExchangeStore store, ReadObjectsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadObjectsAsync(ManifestKey, options, cancellationToken);
    }

    /// <summary>Writes <paramref name="entries"/> to the manifest at <see cref="ManifestKey"/>.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="entries">The manifest's entries.</param>
    /// <param name="mode">Whether to overwrite the manifest or add a part to it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the manifest is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public Task WriteManifestAsync(S3ExchangeStore store, IEnumerable<ManifestEntry> entries, ManifestWriteMode mode = ManifestWriteMode.Overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteManifestAsync(ManifestKey, entries, mode, cancellationToken);
    }

    /// <summary>Packs <paramref name="items"/> into a gzip tar archive at <see cref="ShardKey(int, ShardCompression)"/>.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="index">The shard's number, from 0.</param>
    /// <param name="items">The archive's members.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The written shard.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public Task<Shard> PutShardArchiveAsync(S3ExchangeStore store, int index, IEnumerable<ShardItem> items, CancellationToken cancellationToken = default) =>
        PutShardArchiveAsync(store, index, items, ShardCompression.Gzip, cancellationToken);

    /// <summary>Packs <paramref name="items"/> into a tar archive compressed with <paramref name="compression"/> at <see cref="ShardKey(int, ShardCompression)"/>.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="index">The shard's number, from 0.</param>
    /// <param name="items">The archive's members.</param>
    /// <param name="compression">The archive's compression; it also names the key's extension.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The written shard.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative, or <paramref name="compression"/> is not a <see cref="ShardCompression"/> value.</exception>
    public Task<Shard> PutShardArchiveAsync(S3ExchangeStore store, int index, IEnumerable<ShardItem> items, ShardCompression compression, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutShardArchiveAsync(ShardKey(index, compression), items, compression, cancellationToken);
    }

    /// <summary>Records <paramref name="shardEntries"/> in the manifest at <see cref="ManifestKey"/>.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="shardEntries">The shards to list.</param>
    /// <param name="mode">How to combine them with the existing manifest.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the manifest is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public Task PutShardedAsync(S3ExchangeStore store, IEnumerable<ShardEntry> shardEntries, ManifestWriteMode mode = ManifestWriteMode.AppendParts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutShardedAsync(ManifestKey, shardEntries, mode, cancellationToken);
    }

    /// <summary>Deletes every object under <c>{Prefix}/</c>.</summary>
    /// <param name="store">The store to delete from.</param>
    /// <param name="filter">Deletes only keys it matches, or every key when null.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The number of objects deleted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public Task<int> DeletePrefixAsync(S3ExchangeStore store, Regex? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        // The trailing '/' keeps "a/1" from also deleting "a/10/...".
        return store.DeletePrefixAsync(prefixWithSlash, filter, cancellationToken);
    }

    /// <summary>Compacts the manifest at <see cref="ManifestKey"/> into <paramref name="destinationManifestKey"/>.</summary>
    /// <param name="store">The store to work on.</param>
    /// <param name="destinationManifestKey">The key of the compacted manifest, relative to the store's base prefix (for one inside this namespace, pass <see cref="Key(string)"/>).</param>
    /// <param name="options">Compaction options, or null for the store's defaults.</param>
    /// <param name="cancellationToken">Cancels the compaction.</param>
    /// <returns>What the compaction did.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public Task<CompactReport> CompactManifestAsync(S3ExchangeStore store, string destinationManifestKey, CompactOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.CompactManifestAsync(ManifestKey, destinationManifestKey, options, cancellationToken);
    }

    /// <summary>Returns <see cref="Prefix"/>.</summary>
    /// <returns>The prefix.</returns>
    public override string ToString() => Prefix;

    private static void ThrowInvalidRelativeKey(string? relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        throw new ArgumentException(relative.Length == 0
            ? "A relative key must not be empty."
            : $"A relative key must not start with '/': '{relative}'.", nameof(relative));
    }
}
