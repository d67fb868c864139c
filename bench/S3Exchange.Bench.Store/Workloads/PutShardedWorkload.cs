using Amazon.S3.Model;

namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// Items packed into tar.gz shards and uploaded with <c>PutItemsAsShardsAsync</c>; the baseline
/// uploads the very same archive bytes with one PutObject each at the same concurrency, so the
/// ratio is what packing and compressing cost beyond moving the bytes.
/// </summary>
internal sealed class PutShardedWorkload(BenchServer server, BenchSettings settings, Func<Task<ShardedDataset>> dataset) : Workload(server, settings)
{
    private ShardedDataset data = null!;

    public override string Name => "sharded";

    protected override string Note =>
        $"{data.Shards.Count} shards in flight {Settings.MaxConcurrency} at once; {data.ItemBytes / 1048576.0:F0} MiB of items → {data.ArchiveBytes / 1048576.0:F0} MiB {data.Format}";

    public override async Task PrepareAsync() => data = await dataset().ConfigureAwait(false);

    protected override string Describe() => $"put sharded {data.Items.Count:N0} items (4–64 KiB) → {data.Format} × {data.ItemsPerShard:N0}";

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var prefix = BenchServer.NewPrefix(Name);
        var store = Server.CreateStore(prefix, Settings.MaxConcurrency);
        var measured = await Measurement.TakeAsync(() => store.PutItemsAsShardsAsync(ShardedDataset.ManifestKey, data.Items, data.Options)).ConfigureAwait(false);
        await Server.DeletePrefixAsync(prefix).ConfigureAwait(false);
        return measured;
    }

    protected override async Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var prefix = BenchServer.NewPrefix(Name);
        var measured = await Measurement.TakeAsync(() => Parallel.ForEachAsync(
            Enumerable.Range(0, data.Archives.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Settings.MaxConcurrency },
            async (i, token) =>
            {
                var request = new PutObjectRequest
                {
                    BucketName = Server.Bucket,
                    Key = $"{prefix}/shards/shard-{i:00000}.{data.Format}",
                    InputStream = new MemoryStream(data.Archives[i], writable: false),
                    UseChunkEncoding = false,
                };
                await Server.Client.PutObjectAsync(request, token).ConfigureAwait(false);
            })).ConfigureAwait(false);
        await Server.DeletePrefixAsync(prefix).ConfigureAwait(false);
        return measured;
    }
}
