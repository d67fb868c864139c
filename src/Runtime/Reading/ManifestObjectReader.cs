using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>
/// The objects of a manifest with their content (the Python <c>iter_objects</c>): loose
/// objects opened one by one, shard archives streamed member by member. Each object is
/// disposed when the next one is asked for. Each shard archive is decompressed on a background
/// task, and while one is read the next one is already fetched and decompressed
/// (<see cref="DecompressedArchiveStream"/>, one ahead at most: two archives' bounded queues).
/// An archive fetched ahead and never read (a break, a failure, a cancellation) is disposed:
/// its request or decompression stops, its chunks go back and its response is disposed unread,
/// which releases the connection.
/// </summary>
internal sealed class ManifestObjectReader(ObjectStorage storage, ManifestReader manifests, ObjectOpener objects)
{
    /// <param name="skipped">Records a shard that could not be read, when <see cref="ReadObjectsOptions.SkipUnreadableShards"/> lets it be skipped.</param>
    /// <param name="manifestKey">The manifest's full key.</param>
    /// <param name="options">Whether shards are expanded, and whether unreadable ones are skipped.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async IAsyncEnumerable<ExchangeObject> ReadAsync(Action<ShardReadException> skipped, string manifestKey, ReadObjectsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queuedChunks = options.DecompressAheadChunks();
        skipped = S3ExchangeLog.LogSkipped(storage.Logger, skipped);
        var entries = manifests.ReadAsync(manifestKey, true, null, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var entriesScope = entries.ConfigureAwait(false);
        DecompressedArchiveStream? prefetched = null;
        try
        {
            var entry = await NextEntryAsync().ConfigureAwait(false);
            while (entry is not null)
            {
                if (entry is FileEntry file)
                {
                    var item = new ExchangeObject(file, await objects.OpenAsync(file, cancellationToken).ConfigureAwait(false));
                    await using (item.ConfigureAwait(false))
                    {
                        yield return item;
                    }

                    entry = await NextEntryAsync().ConfigureAwait(false);
                    continue;
                }

                if (entry is not ShardEntry shard || !options.ExpandShards)
                {
                    entry = await NextEntryAsync().ConfigureAwait(false);
                    continue;
                }

                // The prefetch, when there is one, is of this very entry: it was the one ahead.
                // Otherwise (the first archive, or one after a loose object) it starts now,
                // so that every archive is decompressed on a background task.
                var opening = (prefetched ?? StartArchive(shard)) is { } archive
                    ? ShardMemberReader.OpenAsync(shard, archive)
                    : ShardMemberReader.OpenAsync(storage, shard, cancellationToken);
                prefetched = null;
                ShardMemberReader reader;
                try
                {
                    reader = await opening.ConfigureAwait(false);
                }
                catch (ShardReadException ex) when (options.SkipUnreadableShards)
                {
                    skipped(ex);
                    entry = await NextEntryAsync().ConfigureAwait(false);
                    continue;
                }

                await using (reader.ConfigureAwait(false))
                {
                    // One entry ahead: a shard's GET goes out now, while this archive is read.
                    entry = await NextEntryAsync().ConfigureAwait(false);
                    if (entry is ShardEntry following && options.ExpandShards)
                    {
                        prefetched = StartArchive(following);
                    }

                    while (await NextMemberAsync(reader, skipped, options, cancellationToken).ConfigureAwait(false) is { } member)
                    {
                        await using (member.ConfigureAwait(false))
                        {
                            yield return member;
                        }
                    }
                }
            }
        }
        finally
        {
            // Fetched ahead and not reached (a break, a failure, a cancellation).
            if (prefetched is not null)
            {
                await prefetched.DisposeAsync().ConfigureAwait(false);
            }
        }

        async ValueTask<ManifestEntry?> NextEntryAsync() => await entries.MoveNextAsync().ConfigureAwait(false) ? entries.Current : null;

        // Null for an archive the reader refuses without a request (xz): OpenAsync says why.
        DecompressedArchiveStream? StartArchive(ShardEntry shard) =>
            ShardMemberReader.CanDecode(shard) ? new DecompressedArchiveStream(storage, shard, cancellationToken, queuedChunks: queuedChunks) : null;
    }

    // The next member, or null at the end of the archive or when the archive fails and may be skipped.
    private static async ValueTask<ExchangeObject?> NextMemberAsync(ShardMemberReader reader, Action<ShardReadException> skipped, ReadObjectsOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.NextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ShardReadException ex) when (options.SkipUnreadableShards)
        {
            skipped(ex);
            return null;
        }
    }
}
