using System.Diagnostics;
using S3Exchange;
using S3Exchange.Build.Configuration;
using S3Exchange.Build.Planning;
using S3Exchange.Build.Publishing;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>
/// The publish task's own path (what <c>PublishToS3Exchange</c> runs inside MSBuild): scan and
/// hash, plan with the default limits, upload through <see cref="PublishExecutor"/>, write the manifest.
/// </summary>
internal static class TasksPublish
{
    public static async Task<TimeSpan> RunAsync(S3ServerFixture server, string folder, ShardCompression compression)
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = int.Parse(Environment.GetEnvironmentVariable("PP_PART") ?? "8") << 20, ShardCompressionLevel = Enum.Parse<System.IO.Compression.CompressionLevel>(Environment.GetEnvironmentVariable("PP_LEVEL") ?? "Optimal") });
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
        Console.WriteLine($"  {compression}: {outcome.ShardsUploaded} shards and {outcome.LooseUploaded} loose objects, {outcome.BytesUploaded / 1048576.0:0.0} MiB sent; scan+hash {scanned.TotalSeconds:0.00} s, plan {(planned - scanned).TotalSeconds:0.00} s, upload+manifest {(clock.Elapsed - planned).TotalSeconds:0.00} s; client CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:0.00} s");
        return clock.Elapsed;
    }
}
