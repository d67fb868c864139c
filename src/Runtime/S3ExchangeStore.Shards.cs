namespace S3Exchange;

public sealed partial class S3ExchangeStore
{
    /// <summary>
    /// Writes a shard archive (the Python <c>put_shard_archive</c>): an internal manifest, then
    /// each item, streamed into the upload as it is read (multipart past one part), never held
    /// whole. For plain tar the internal manifest records each member's data offset.
    /// </summary>
    /// <exception cref="InvalidMemberPathException">A member path is absolute, has '..' or '\'.</exception>
    /// <exception cref="ArgumentException">Two items share a member path.</exception>
    public Task<Shard> PutShardArchiveAsync(string archiveKey, IEnumerable<ShardItem> items, ShardCompression compression = ShardCompression.Gzip, CancellationToken cancellationToken = default) =>
        PutShardArchiveAsync(archiveKey, items, compression, Options.ShardCompressionLevel, cancellationToken);

    /// <inheritdoc cref="PutShardArchiveAsync(string, IEnumerable{ShardItem}, ShardCompression, CancellationToken)"/>
    /// <param name="archiveKey">The archive's key template.</param>
    /// <param name="items">The members, in order.</param>
    /// <param name="compression">How the tar stream is compressed.</param>
    /// <param name="compressionLevel">How hard gzip compresses, 0 (stored) to 9 (smallest); bzip2 and plain tar ignore it.</param>
    /// <param name="cancellationToken">Cancels the upload; nothing is stored then.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level is not 0–9; nothing is sent.</exception>
    public Task<Shard> PutShardArchiveAsync(string archiveKey, IEnumerable<ShardItem> items, ShardCompression compression, int compressionLevel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        GzipLevel.Validate(compressionLevel, nameof(compressionLevel));
        var writer = new ShardArchiveWriter(storage, UploadSettings, Options.InferIds);
        var fullKey = ResolveKey(archiveKey);
        var list = items.ToList();
        return S3ExchangeTelemetry.TraceAsync("PutShardArchive", Bucket, fullKey, () => writer.WriteAsync(fullKey, list, compression, compressionLevel, cancellationToken));
    }

    /// <summary>
    /// <see cref="PutShardArchiveAsync(string, IEnumerable{ShardItem}, ShardCompression, int, CancellationToken)"/>
    /// with a first part of <paramref name="singlePutBytes"/> (when larger than the store's part
    /// size): an archive that fits is sent as one PutObject instead of a multipart upload, which
    /// servers otherwise store twice (once as parts, once joined). Its buffers, that large for the
    /// whole upload, are leased from the store's budget like any part: at most
    /// <see cref="S3ExchangeStoreOptions.MemoryBudgetBytes"/>.
    /// </summary>
    internal Task<Shard> PutShardArchiveAsync(string archiveKey, IReadOnlyList<ShardItem> items, ShardCompression compression, int compressionLevel, int singlePutBytes, CancellationToken cancellationToken)
    {
        var settings = UploadSettings with { PartSize = Math.Max(Options.PartSizeBytes, singlePutBytes) };
        var writer = new ShardArchiveWriter(storage, settings, Options.InferIds);
        return writer.WriteAsync(ResolveKey(archiveKey), items, compression, compressionLevel, cancellationToken);
    }

    /// <summary>
    /// Adds shard entries to a manifest (the Python <c>put_sharded</c>); append_parts by default.
    /// To split items into shards and upload them as well, see
    /// <see cref="PutItemsAsShardsAsync"/>.
    /// </summary>
    public Task PutShardedAsync(string manifestKey, IEnumerable<ShardEntry> shardEntries, ManifestWriteMode mode = ManifestWriteMode.AppendParts, CancellationToken cancellationToken = default) =>
        WriteManifestAsync(manifestKey, shardEntries, mode, cancellationToken);

    /// <summary>
    /// Splits items into shards, uploads them in parallel (at most
    /// <see cref="S3ExchangeStoreOptions.MaxConcurrency"/> at once), and only then writes the
    /// manifest, so no reader sees a manifest that names a missing shard. When an upload fails
    /// (or the call is cancelled) no manifest is written and every archive this call started
    /// writing is deleted again, best effort; the failure is rethrown. When the manifest write
    /// itself fails the archives are kept: it may have landed, naming them.
    /// </summary>
    /// <exception cref="S3OperationException">An upload failed (after the SDK's retries); its archives are deleted.</exception>
    /// <exception cref="ShardCleanupException">An upload failed and some archives could not be deleted; it names them.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ShardingOptions.CompressionLevel"/> is not 0–9; nothing is sent.</exception>
    public async Task<IReadOnlyList<Shard>> PutItemsAsShardsAsync(string manifestKey, IEnumerable<ShardItem> items, ShardingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= new ShardingOptions();
        var fullKey = ResolveKey(manifestKey);
        var shardFolder = ResolveKey(options.ShardPrefix ?? KeyLayout.ShardFolderOfManifest(manifestKey));
        var (compression, level, mode) = (options.Compression, options.CompressionLevel ?? Options.ShardCompressionLevel, options.Mode);
        GzipLevel.Validate(level, "ShardingOptions.CompressionLevel");
        var writer = new ShardArchiveWriter(storage, UploadSettings, Options.InferIds);
        var put = new ShardedPut(
            (archiveKey, batch, token) => writer.WriteAsync(archiveKey, batch, compression, level, token),
            storage.DeleteManyAsync,
            (entries, token) => manifestPublisher.WriteAsync(fullKey, entries, mode, token),
            Options.MaxConcurrency,
            options.Progress);
        var batches = ShardSplitter.Split(items, options.MaxEntries, options.MaxBytes);
        return await S3ExchangeTelemetry.TraceAsync("PutItemsAsShards", Bucket, fullKey, () => put.PutAsync(fullKey, batches, i => KeyLayout.NumberedShardKey(shardFolder, i, compression), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// The objects of a manifest with their content (the Python <c>iter_objects</c>): loose
    /// objects fetched one by one, shard archives streamed member by member. Each object's
    /// content is readable until the next one is requested. A shard that cannot be read is a
    /// <see cref="ShardReadException"/> unless <see cref="ReadObjectsOptions.SkipUnreadableShards"/>
    /// is set (then it is recorded in <see cref="ManifestQuery{T}.SkippedShards"/>).
    /// </summary>
    public ManifestQuery<ExchangeObject> ReadObjectsAsync(string manifestKey, ReadObjectsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReadObjectsOptions();
        RequirePositive(options.Limit, nameof(options.Limit));
        var fullKey = ResolveKey(manifestKey);
        return new ManifestQuery<ExchangeObject>(
            "ReadObjects",
            Bucket,
            fullKey,
            (query, token) => AsyncSequences.Take(objectReader.ReadAsync(query.RecordSkipped, fullKey, options, token), options.Limit, token),
            cancellationToken);
    }

    /// <summary>
    /// Starts an incremental manifest writer: entries, objects and shard members are added
    /// one at a time and published as part files (see <see cref="ManifestWriter"/>).
    /// </summary>
    public ManifestWriter CreateManifestWriter(string manifestKey, ManifestWriterOptions? options = null) =>
        new(this, KeyPath.Normalize(manifestKey), options ?? new ManifestWriterOptions());
}
