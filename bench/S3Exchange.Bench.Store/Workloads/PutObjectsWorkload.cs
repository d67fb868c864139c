using System.Runtime.InteropServices;
using Amazon.S3.Model;

namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// Many small objects put at once, then their manifest written; the baseline sends the same
/// PutObject calls straight through the SDK at the same concurrency (and no manifest).
/// </summary>
internal sealed class PutObjectsWorkload(BenchServer server, BenchSettings settings, TestContent content) : Workload(server, settings)
{
    private const int ObjectSize = 4 * 1024;

    private int Count => Settings.Scaled(2000, 10);

    public override string Name => "put";

    protected override string Target => "≤ 1.10";

    protected override string Note => $"{Settings.MaxConcurrency} in flight; store time includes writing the manifest (3 more requests)";

    protected override string Describe() => $"put {Count:N0} × 4 KiB objects + manifest";

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var prefix = BenchServer.NewPrefix(Name);
        var store = Server.CreateStore(prefix, Settings.MaxConcurrency);
        var entries = new FileEntry[Count];
        var measured = await Measurement.TakeAsync(async () =>
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Count), InFlight(), async (i, token) =>
                entries[i] = await store.PutObjectAsync(Key(i), content.Slice(i, ObjectSize), cancellationToken: token).ConfigureAwait(false)).ConfigureAwait(false);
            await store.WriteManifestAsync("objects/manifest.jsonl", entries).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await Server.DeletePrefixAsync(prefix).ConfigureAwait(false);
        return measured;
    }

    protected override async Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var prefix = BenchServer.NewPrefix(Name);
        var measured = await Measurement.TakeAsync(() => Parallel.ForEachAsync(Enumerable.Range(0, Count), InFlight(), async (i, token) =>
        {
            MemoryMarshal.TryGetArray(content.Slice(i, ObjectSize), out var bytes);
            var request = new PutObjectRequest
            {
                BucketName = Server.Bucket,
                Key = $"{prefix}/{Key(i)}",
                InputStream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false),
                UseChunkEncoding = false, // what the store sends to S3-compatible servers
            };
            await Server.Client.PutObjectAsync(request, token).ConfigureAwait(false);
        })).ConfigureAwait(false);
        await Server.DeletePrefixAsync(prefix).ConfigureAwait(false);
        return measured;
    }

    private static string Key(int i) => $"objects/{i:00000}.bin";

    private ParallelOptions InFlight() => new() { MaxDegreeOfParallelism = Settings.MaxConcurrency };
}
