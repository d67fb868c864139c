namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// Every object of the sharded manifest read to its end with <c>ReadObjectsAsync</c>; the
/// baseline GETs each archive in turn and reads it to its end without decompressing.
/// </summary>
internal sealed class IterateShardsWorkload(BenchServer server, BenchSettings settings, Func<Task<ShardedDataset>> dataset) : Workload(server, settings)
{
    private ShardedDataset data = null!;

    public override string Name => "iterate";

    protected override string Note => $"{data.Shards.Count} archives, {data.ArchiveBytes / 1048576.0:F0} MiB on the wire; the store also gunzips and untars";

    public override async Task PrepareAsync() => data = await dataset().ConfigureAwait(false);

    protected override string Describe() => $"iterate {data.Items.Count:N0} objects of the sharded manifest";

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var store = Server.CreateStore(data.Prefix, Settings.MaxConcurrency);
        var buffer = new byte[81920];
        long objects = 0;
        var measured = await Measurement.TakeAsync(async () =>
        {
            await foreach (var item in store.ReadObjectsAsync(ShardedDataset.ManifestKey).ConfigureAwait(false))
            {
                await Drain.ToEndAsync(item.Content, buffer).ConfigureAwait(false);
                objects++;
            }
        }).ConfigureAwait(false);
        Check.Equal(data.Items.Count, objects, "objects iterated");
        return measured;
    }

    protected override Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var buffer = new byte[81920];
        return Measurement.TakeAsync(async () =>
        {
            foreach (var shard in data.Shards)
            {
                using var response = await Server.Client.GetObjectAsync(Server.Bucket, shard.Entry.ArchiveKey).ConfigureAwait(false);
                await Drain.ToEndAsync(response.ResponseStream, buffer).ConfigureAwait(false);
            }
        });
    }
}
