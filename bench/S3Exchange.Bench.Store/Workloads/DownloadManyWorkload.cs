namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// Every object of the sharded manifest downloaded to files with <c>DownloadManyAsync</c>
/// (shards in parallel, each read in one pass); the baseline GETs the archives at the same
/// concurrency and reads them to their end, without decompressing or writing anything.
/// </summary>
internal sealed class DownloadManyWorkload(BenchServer server, BenchSettings settings, Func<Task<ShardedDataset>> dataset) : Workload(server, settings)
{
    private ShardedDataset data = null!;

    public override string Name => "download";

    protected override string Note => $"{data.Shards.Count} archives, {Settings.MaxConcurrency} in flight; the store also gunzips, untars and writes {data.Items.Count:N0} files";

    public override async Task PrepareAsync() => data = await dataset().ConfigureAwait(false);

    protected override string Describe() => $"download many: {data.Items.Count:N0} objects of the sharded manifest to files";

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var store = Server.CreateStore(data.Prefix, Settings.MaxConcurrency);
        var folder = Directory.CreateTempSubdirectory("s3x-bench-").FullName;
        DownloadReport report = null!;
        try
        {
            var measured = await Measurement.TakeAsync(async () => report = await store.DownloadManyAsync(ShardedDataset.ManifestKey, folder).ConfigureAwait(false)).ConfigureAwait(false);
            Check.Equal(data.ItemBytes, report.TotalBytes, "bytes downloaded");
            return measured;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    protected override Task<Measurement> RunBaselineOnceAsync(int run) => Measurement.TakeAsync(() => Parallel.ForEachAsync(
        data.Shards,
        new ParallelOptions { MaxDegreeOfParallelism = Settings.MaxConcurrency },
        async (shard, token) =>
        {
            using var response = await Server.Client.GetObjectAsync(Server.Bucket, shard.Entry.ArchiveKey, token).ConfigureAwait(false);
            await Drain.ToEndAsync(response.ResponseStream, new byte[81920]).ConfigureAwait(false);
        }));
}
