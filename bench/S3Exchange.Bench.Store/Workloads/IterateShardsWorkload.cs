namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// Every object of a sharded manifest read to its end with <c>ReadObjectsAsync</c>; the
/// baseline GETs each archive in turn and reads it to its end without decompressing. One
/// instance reads the tar.gz dataset, another the tar.bz2 one.
/// </summary>
internal class IterateShardsWorkload(BenchServer server, BenchSettings settings, Func<Task<ShardedDataset>> dataset, string name = "iterate", ReadObjectsOptions? options = null) : Workload(server, settings)
{
    /// <summary>The dataset read, once prepared.</summary>
    protected ShardedDataset Data { get; private set; } = null!;

    public override string Name => name;

    protected override string Note => $"{Data.Shards.Count} archives, {Data.ArchiveBytes / 1048576.0:F0} MiB on the wire; the store also {Data.Decoding}";

    public override async Task PrepareAsync() => Data = await dataset().ConfigureAwait(false);

    protected override string Describe() =>
        $"iterate {Data.Items.Count:N0} objects of the sharded manifest ({Data.Format})" + (options is null ? string.Empty : $", {options.DecompressAheadBytes / 1048576} MiB decompressed ahead");

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var store = Server.CreateStore(Data.Prefix, Settings.MaxConcurrency);
        var buffer = new byte[81920];
        long objects = 0;
        long bytes = 0;
        var measured = await Measurement.TakeAsync(async () =>
        {
            await foreach (var item in store.ReadObjectsAsync(ShardedDataset.ManifestKey, options).ConfigureAwait(false))
            {
                bytes += await Drain.ToEndAsync(item.Content, buffer).ConfigureAwait(false);
                objects++;
            }
        }).ConfigureAwait(false);
        Check.Equal(Data.Items.Count, objects, "objects iterated");
        Check.Equal(Data.ItemBytes, bytes, "member bytes iterated");
        return measured;
    }

    protected override Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var buffer = new byte[81920];
        return Measurement.TakeAsync(async () =>
        {
            foreach (var shard in Data.Shards)
            {
                using var response = await Server.Client.GetObjectAsync(Server.Bucket, shard.Entry.ArchiveKey).ConfigureAwait(false);
                await Drain.ToEndAsync(response.ResponseStream, buffer).ConfigureAwait(false);
            }
        });
    }
}
