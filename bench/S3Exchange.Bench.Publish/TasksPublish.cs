using System.Diagnostics;
using System.IO.Compression;
using S3Exchange;
using S3Exchange.Build.Configuration;
using S3Exchange.Build.Planning;
using S3Exchange.Build.Publishing;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>One run of the tasks' path, phase by phase.</summary>
/// <param name="Scan">Listing, checking and SHA-256 of every file (<see cref="PublishFileScanner"/>).</param>
/// <param name="Plan">Shard boundaries and content keys (<see cref="PublishPlanner"/>).</param>
/// <param name="Upload">Listing the content prefix, building and sending shards and loose files, the manifest (<see cref="PublishExecutor"/>).</param>
/// <param name="ClientCpu">CPU time the benchmark process spent in the run (all threads).</param>
/// <param name="BytesSent">Shard and loose object bytes sent.</param>
internal sealed record PublishRun(TimeSpan Scan, TimeSpan Plan, TimeSpan Upload, TimeSpan ClientCpu, long BytesSent)
{
    public TimeSpan Total => Scan + Plan + Upload;
}

/// <summary>
/// The publish task's own path (what <c>PublishToS3Exchange</c> runs inside MSBuild): scan and
/// hash, plan with the default limits, upload through <see cref="PublishExecutor"/>, write the manifest.
/// </summary>
internal static class TasksPublish
{
    public static async Task<PublishRun> RunAsync(S3ServerFixture server, string folder, ShardCompression compression, CompressionLevel level)
    {
        // As S3Connection.CreateStore configures the task's store, with the level under test.
        var store = server.CreateStore(new S3ExchangeStoreOptions { ShardCompressionLevel = level });
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var sources = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(p => new PublishFileScanner.Source(p, Path.GetRelativePath(folder, p)))
            .ToList();
        var files = await PublishFileScanner.ScanAsync(sources, folder, CancellationToken.None);
        var scanned = clock.Elapsed;
        var plan = PublishPlanner.Plan(files, new PublishKeys("bench/manifest.jsonl", "bench/content"), ShardingLimits.Default with { Compression = compression });
        var planned = clock.Elapsed;
        var outcome = await new PublishExecutor(store, _ => { }).RunAsync(plan, ManifestWriteMode.Overwrite, CancellationToken.None);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new PublishRun(scanned, planned - scanned, clock.Elapsed - planned, cpu, outcome.BytesUploaded);
    }
}
