using System.Diagnostics;
using System.IO.Compression;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>One run of the runtime's publish engine (what <c>PublishToS3Exchange</c> calls), phase by phase.</summary>
/// <param name="Plan">Listing, checking and SHA-256 of every file, shard boundaries and content keys (<see cref="S3ExchangeStore.PlanPublishAsync"/>).</param>
/// <param name="Upload">One HEAD per planned key, shards and loose files built and sent, the manifest.</param>
/// <param name="Republish">The same plan published again: every object already stored, only HEADs and the manifest.</param>
/// <param name="ClientCpu">CPU time the benchmark process spent in the first publish (all threads).</param>
/// <param name="BytesSent">Shard and loose object bytes sent.</param>
internal sealed record PublishRun(TimeSpan Plan, TimeSpan Upload, TimeSpan Republish, TimeSpan ClientCpu, long BytesSent)
{
    public TimeSpan Total => Plan + Upload;
}

/// <summary>The publish engine with the default limits and the compression under test, into a fresh content prefix.</summary>
internal static class RuntimePublish
{
    public static async Task<PublishRun> RunAsync(S3ServerFixture server, string folder, ShardCompression compression, CompressionLevel level)
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
        return new PublishRun(planned, published - planned, clock.Elapsed - published, cpu, report.BytesUploaded);
    }
}
