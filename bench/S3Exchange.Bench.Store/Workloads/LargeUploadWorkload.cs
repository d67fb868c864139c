using Amazon.S3.Transfer;

namespace S3Exchange.Bench.Store.Workloads;

/// <summary>One large object uploaded from a stream: the store's multipart upload against the SDK's TransferUtility.</summary>
internal sealed class LargeUploadWorkload(BenchServer server, BenchSettings settings, TestContent content) : Workload(server, settings)
{
    private const string Key = "large/object.bin";

    public override string Name => "large-up";

    internal long Size => Settings.Scaled(256) * 1024L * 1024;

    protected override string Target => "≤ 1.10";

    protected override string Note => "store: 8 MiB parts, 4 in flight (defaults); TransferUtility: its defaults";

    protected override string Describe() => $"upload one {Size >> 20} MiB object";

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var prefix = BenchServer.NewPrefix(Name);
        var store = Server.CreateStore(prefix, Settings.MaxConcurrency);
        var measured = await Measurement.TakeAsync(() => store.PutObjectAsync(Key, content.OpenStream(Size))).ConfigureAwait(false);
        await Server.DeletePrefixAsync(prefix).ConfigureAwait(false);
        return measured;
    }

    protected override async Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var prefix = BenchServer.NewPrefix(Name);
        using var transfer = new TransferUtility(Server.Client);
        var measured = await Measurement.TakeAsync(() => transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = Server.Bucket,
            Key = $"{prefix}/{Key}",
            InputStream = content.OpenStream(Size),
        })).ConfigureAwait(false);
        await Server.DeletePrefixAsync(prefix).ConfigureAwait(false);
        return measured;
    }
}
