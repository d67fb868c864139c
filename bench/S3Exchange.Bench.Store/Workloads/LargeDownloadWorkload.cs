using Amazon.S3.Transfer;

namespace S3Exchange.Bench.Store.Workloads;

/// <summary>One large object read to its end: the store's <c>GetObjectAsync</c> stream against TransferUtility's <c>OpenStreamAsync</c>.</summary>
internal sealed class LargeDownloadWorkload(BenchServer server, BenchSettings settings, TestContent content) : Workload(server, settings)
{
    private const string Key = "large/object.bin";

    private string prefix = null!;

    public override string Name => "large-down";

    private long Size => Settings.Scaled(256) * 1024L * 1024;

    protected override string Target => "≤ 1.10";

    protected override string Describe() => $"download one {Size >> 20} MiB object";

    public override async Task PrepareAsync()
    {
        prefix = BenchServer.NewPrefix(Name);
        await Server.CreateStore(prefix, Settings.MaxConcurrency).PutObjectAsync(Key, content.OpenStream(Size)).ConfigureAwait(false);
    }

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var store = Server.CreateStore(prefix, Settings.MaxConcurrency);
        var buffer = new byte[81920];
        long read = 0;
        var measured = await Measurement.TakeAsync(async () =>
        {
            await using var stream = await store.GetObjectAsync(Key).ConfigureAwait(false);
            read = await Drain.ToEndAsync(stream, buffer).ConfigureAwait(false);
        }).ConfigureAwait(false);
        Check.Equal(Size, read, "bytes downloaded");
        return measured;
    }

    protected override Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var buffer = new byte[81920];
        return Measurement.TakeAsync(async () =>
        {
            using var transfer = new TransferUtility(Server.Client);
            await using var stream = await transfer.OpenStreamAsync(Server.Bucket, $"{prefix}/{Key}").ConfigureAwait(false);
            await Drain.ToEndAsync(stream, buffer).ConfigureAwait(false);
        });
    }

    protected override Task CleanupAsync() => Server.DeletePrefixAsync(prefix);
}
