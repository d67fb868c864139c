using System.Diagnostics;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>One run of the runtime's publish engine (what <c>PublishToS3Exchange</c> calls), phase by phase.</summary>
/// <param name="Plan">Listing, checking and SHA-256 of every file, shard boundaries and content keys (<see cref="S3ExchangeStore.PlanPublishAsync"/>).</param>
/// <param name="Upload">One HEAD per planned key, shards and loose files built and sent, the manifest.</param>
/// <param name="Republish">The same plan published again: every object already stored, only HEADs and the manifest.</param>
/// <param name="Fetch">The build fetched back with <see cref="S3ExchangeStore.FetchAsync"/> (parallel, verified).</param>
/// <param name="FetchOneAtATime">The same fetch with MaxConcurrency 1: what the download task did before it used the runtime's engine.</param>
/// <param name="ClientCpu">CPU time the benchmark process spent in the first publish (all threads).</param>
/// <param name="BytesSent">Shard and loose object bytes sent.</param>
internal sealed record PublishRun(TimeSpan Plan, TimeSpan Upload, TimeSpan Republish, TimeSpan Fetch, TimeSpan FetchOneAtATime, TimeSpan ClientCpu, long BytesSent)
{
    public TimeSpan Total => Plan + Upload;
}

/// <summary>The publish engine with the default limits and the compression under test, into a fresh content prefix.</summary>
internal static class RuntimePublish
{
    public static async Task<PublishRun> RunAsync(S3ServerFixture server, string folder, ShardCompression compression, int level)
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { ShardCompressionLevel = level });
        var request = new PublishRequest
        {
            Folder = folder,
            Files = PublishSource.FromFolder(folder),
            ManifestKey = "bench/manifest.jsonl",
            ContentPrefix = "bench/content",
            Compression = compression,
        };
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var plan = await store.PlanPublishAsync(request);
        var planned = clock.Elapsed;
        var report = await store.PublishAsync(plan);
        var published = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await store.PublishAsync(plan);
        var republished = clock.Elapsed;
        var fetch = await FetchAsync(store, plan.ManifestKey);
        var sequential = await FetchAsync(S3ExchangeStore.Create(server.Settings, store.Options with { MaxConcurrency = 1 }), plan.ManifestKey);
        return new PublishRun(planned, published - planned, republished - published, fetch, sequential, cpu, report.BytesUploaded);
    }

    private static async Task<TimeSpan> FetchAsync(S3ExchangeStore store, string manifestKey)
    {
        var folder = Path.Combine(Path.GetTempPath(), "s3x-fetch-" + Guid.NewGuid().ToString("N")[..8]);
        var clock = Stopwatch.StartNew();
        await store.FetchAsync(manifestKey, folder);
        var elapsed = clock.Elapsed;
        Directory.Delete(folder, recursive: true);
        return elapsed;
    }
}
