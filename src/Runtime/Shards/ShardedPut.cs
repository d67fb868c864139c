namespace S3Exchange;

/// <summary>Uploads one shard archive at a full key and describes it.</summary>
internal delegate Task<Shard> PutArchive(string archiveKey, IReadOnlyList<ShardItem> items, CancellationToken cancellationToken);

/// <summary>Writes manifest entries (in the call's mode) to the call's manifest.</summary>
internal delegate Task WriteEntries(IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken);

/// <summary>
/// Items split into shards, uploaded in parallel, and only then the manifest naming them
/// written, so no reader sees a manifest that names a missing shard. When an upload fails
/// (or the call is cancelled) no manifest is written and every archive the call started
/// writing is deleted again, best effort; the failure is rethrown. When the manifest write
/// itself fails the archives are kept: it may have landed, naming them.
/// </summary>
internal sealed class ShardedPut(PutArchive putArchive, DeleteMany deleteMany, WriteEntries writeManifest, int maxConcurrency, IProgress<TransferProgress>? progress)
{
    /// <param name="manifestKey">The manifest's full key, for the cleanup's exception.</param>
    /// <param name="batches">The items of each shard, in shard order.</param>
    /// <param name="archiveKeyOf">The full key of shard <c>i</c>.</param>
    /// <param name="cancellationToken">Cancels the uploads; the archives started are deleted then.</param>
    /// <exception cref="ShardCleanupException">An upload failed and some archives could not be deleted; it names them.</exception>
    public async Task<IReadOnlyList<Shard>> PutAsync(string manifestKey, IEnumerable<IReadOnlyList<ShardItem>> batches, Func<int, string> archiveKeyOf, CancellationToken cancellationToken)
    {
        var shardItems = batches.ToList();
        var shards = new Shard[shardItems.Count];
        var started = new bool[shardItems.Count];
        var done = 0;
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, shardItems.Count),
                new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    started[i] = true;
                    var clock = System.Diagnostics.Stopwatch.GetTimestamp();
                    shards[i] = await putArchive(archiveKeyOf(i), shardItems[i], token).ConfigureAwait(false);
                    progress?.Report(new TransferProgress(TransferStep.ShardUploaded, shards[i].Entry.ArchiveKey, null, shardItems[i].Count, shards[i].Entry.SizeBytes ?? 0, Interlocked.Increment(ref done), shardItems.Count, System.Diagnostics.Stopwatch.GetElapsedTime(clock)));
                }).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            // An upload whose outcome is unknown (cut short, cancelled in flight) may have landed: every started key goes.
            var written = Enumerable.Range(0, shardItems.Count).Where(i => started[i]).Select(archiveKeyOf).ToList();
            await DeleteAfterFailureAsync(manifestKey, written, failure).ConfigureAwait(false);
            throw;
        }

        await writeManifest(shards.Select(s => s.Entry), cancellationToken).ConfigureAwait(false);
        return shards;
    }

    // Not cancellable: it runs because the call failed or was cancelled, and must not stop halfway.
    private async Task DeleteAfterFailureAsync(string manifestKey, List<string> archiveKeys, Exception failure)
    {
        IReadOnlyCollection<string> remaining;
        Exception? deleteFailure = null;
        try
        {
            remaining = (await deleteMany(archiveKeys, CancellationToken.None).ConfigureAwait(false)).Keys.ToList();
        }
        catch (S3ExchangeException ex)
        {
            (remaining, deleteFailure) = (archiveKeys, ex);
        }

        if (remaining.Count > 0)
        {
            throw new ShardCleanupException(manifestKey, remaining, failure, deleteFailure);
        }
    }
}
