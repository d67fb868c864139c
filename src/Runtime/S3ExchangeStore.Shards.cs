using System.IO.Compression;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

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
    /// <param name="compressionLevel">How hard gzip compresses (bzip2 and plain tar ignore it).</param>
    /// <param name="cancellationToken">Cancels the upload; nothing is stored then.</param>
    public Task<Shard> PutShardArchiveAsync(string archiveKey, IEnumerable<ShardItem> items, ShardCompression compression, CompressionLevel compressionLevel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var writer = new ShardArchiveWriter(storage, UploadSettings, Options.InferIds);
        return writer.WriteAsync(ResolveKey(archiveKey), items.ToList(), compression, compressionLevel, cancellationToken);
    }

    /// <summary>
    /// <see cref="PutShardArchiveAsync(string, IEnumerable{ShardItem}, ShardCompression, CompressionLevel, CancellationToken)"/>
    /// with a first part of <paramref name="singlePutBytes"/> (when larger than the store's part
    /// size): an archive that fits is sent as one PutObject instead of a multipart upload, which
    /// servers otherwise store twice (once as parts, once joined). The caller bounds the memory:
    /// the buffer is that large for the whole upload.
    /// </summary>
    internal Task<Shard> PutShardArchiveAsync(string archiveKey, IReadOnlyList<ShardItem> items, ShardCompression compression, CompressionLevel compressionLevel, int singlePutBytes, CancellationToken cancellationToken)
    {
        var settings = UploadSettings with { PartSize = Math.Max(Options.PartSizeBytes, singlePutBytes) };
        var writer = new ShardArchiveWriter(storage, settings, Options.InferIds);
        return writer.WriteAsync(ResolveKey(archiveKey), items, compression, compressionLevel, cancellationToken);
    }

    /// <summary>Adds shard entries to a manifest (the Python <c>put_sharded</c>); append_parts by default.</summary>
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
    public async Task<IReadOnlyList<Shard>> PutShardedAsync(string manifestKey, IEnumerable<ShardItem> items, ShardingOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= new ShardingOptions();
        var batches = ShardSplitter.Split(items, options.MaxEntries, options.MaxBytes).ToList();
        var shardFolder = options.ShardPrefix ?? KeyLayout.ShardFolderOfManifest(manifestKey);
        var shards = new Shard[batches.Count];
        var started = new bool[batches.Count];
        string ArchiveKey(int i) => KeyLayout.NumberedShardKey(shardFolder, i, options.Compression);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batches.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Options.MaxConcurrency, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    started[i] = true;
                    shards[i] = await PutShardArchiveAsync(ArchiveKey(i), batches[i], options.Compression, options.CompressionLevel ?? Options.ShardCompressionLevel, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            // An upload whose outcome is unknown (cut short, cancelled in flight) may have landed: every started key goes.
            var written = Enumerable.Range(0, batches.Count).Where(i => started[i]).Select(i => ResolveKey(ArchiveKey(i))).ToList();
            await DeleteArchivesAfterFailureAsync(manifestKey, written, failure).ConfigureAwait(false);
            throw;
        }

        await WriteManifestAsync(manifestKey, shards.Select(s => s.Entry), options.Mode, cancellationToken).ConfigureAwait(false);
        return shards;
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
        return new ManifestQuery<ExchangeObject>((query, token) => Take(ReadObjectsCoreAsync(query, fullKey, options, token), options.Limit, token), cancellationToken);
    }

    /// <summary>
    /// Starts an incremental manifest writer: entries, objects and shard members are added
    /// one at a time and published as part files (see <see cref="ManifestWriter"/>).
    /// </summary>
    public ManifestWriter CreateManifestWriter(string manifestKey, ManifestWriterOptions? options = null) =>
        new(this, KeyPath.Normalize(manifestKey), options ?? new ManifestWriterOptions());

    private async IAsyncEnumerable<ExchangeObject> ReadObjectsCoreAsync(ManifestQuery<ExchangeObject> query, string fullKey, ReadObjectsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in manifestReader.ReadAsync(fullKey, true, null, cancellationToken).ConfigureAwait(false))
        {
            if (entry is FileEntry file)
            {
                using var item = new ExchangeObject(file, await OpenAsync(file, cancellationToken).ConfigureAwait(false));
                yield return item;
                continue;
            }

            if (entry is not ShardEntry shard || !options.ExpandShards)
            {
                continue;
            }

            ShardMemberReader reader;
            try
            {
                reader = await ShardMemberReader.OpenAsync(storage, shard, cancellationToken).ConfigureAwait(false);
            }
            catch (ShardReadException ex) when (options.SkipUnreadableShards)
            {
                query.RecordSkipped(ex);
                continue;
            }

            await using (reader.ConfigureAwait(false))
            {
                while (true)
                {
                    ExchangeObject? member;
                    try
                    {
                        member = await reader.NextAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (ShardReadException ex) when (options.SkipUnreadableShards)
                    {
                        query.RecordSkipped(ex);
                        break;
                    }

                    if (member is null)
                    {
                        break;
                    }

                    using (member)
                    {
                        yield return member;
                    }
                }
            }
        }
    }

    // Not cancellable: it runs because the call failed or was cancelled, and must not stop halfway.
    private async Task DeleteArchivesAfterFailureAsync(string manifestKey, List<string> archiveKeys, Exception failure)
    {
        IReadOnlyCollection<string> remaining;
        Exception? deleteFailure = null;
        try
        {
            remaining = (await storage.DeleteManyAsync(archiveKeys, CancellationToken.None).ConfigureAwait(false)).Keys.ToList();
        }
        catch (S3ExchangeException ex)
        {
            (remaining, deleteFailure) = (archiveKeys, ex);
        }

        if (remaining.Count > 0)
        {
            throw new ShardCleanupException(ResolveKey(manifestKey), remaining, failure, deleteFailure);
        }
    }

    /// <summary>
    /// One member of an archive: for plain tar with a known data offset (from the entry, or the
    /// archive's cached internal manifest), one ranged GET; otherwise the archive is streamed
    /// up to the member and no further.
    /// </summary>
    private async Task<Stream> OpenMemberAsync(ShardEntry shard, string memberPath, FileEntry? known, CancellationToken cancellationToken)
    {
        var virtualKey = VirtualKey.Compose(shard.ArchiveKey, memberPath);
        if (shard.EffectiveCompression == ShardCompression.None)
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var index = known?.DataOffset is null || attempt > 0
                    ? await shardIndexes.GetAsync(shard.ArchiveKey, shard.InternalManifestPath ?? ShardEntry.DefaultInternalManifestPath, cancellationToken).ConfigureAwait(false)
                    : null;
                var member = index is null ? known : index.ByPath.GetValueOrDefault(memberPath);
                if (index is not null && member is null)
                {
                    throw new ObjectNotFoundException(virtualKey);
                }

                if (member is not { DataOffset: { } offset, SizeBytes: { } size })
                {
                    break;
                }

                if (size == 0)
                {
                    return new MemoryStream([], writable: false);
                }

                try
                {
                    var response = await storage.GetAsync(shard.ArchiveKey, new ByteRange(offset, offset + size - 1), cancellationToken, index?.ETag).ConfigureAwait(false);
                    return response.ResponseStream;
                }
                catch (AmazonS3Exception ex) when (S3ErrorTranslation.IsPreconditionFailed(ex))
                {
                    // The archive changed since its index was read: read the index again.
                    shardIndexes.Invalidate(shard.ArchiveKey);
                }
                catch (ObjectNotFoundException ex)
                {
                    throw new ShardReadException(shard.ArchiveKey, "the archive does not exist.", ex);
                }
            }
        }

        var reader = await ShardMemberReader.OpenAsync(storage, shard, cancellationToken).ConfigureAwait(false);
        return await reader.OpenMemberAsync(memberPath, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(virtualKey);
    }
}
