using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using S3Exchange.Bench.Codecs;

// In-process and short: the figures that matter are ratios between rows of one run, and the
// bytes allocated per operation, which do not need long runs to be exact.
var job = Job.ShortRun
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithWarmupCount(2)
    .WithIterationCount(6)
    .WithId("short-inprocess");
var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summaries = BenchmarkSwitcher.FromTypes([typeof(ManifestCodecBenchmarks), typeof(ShardCompressionBenchmarks)]).Run(args, config);

foreach (var summary in summaries.Where(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(ShardCompressionBenchmarks))))
{
    var compression = new ShardCompressionBenchmarks();
    compression.Setup();
    var tarBytes = (double)ShardCompressionBenchmarks.TarBytes;
    Console.WriteLine();
    Console.WriteLine("| shard codec step | MiB/s of tar | output size |");
    Console.WriteLine("|---|---:|---:|");
    var sizes = compression.CompressedSizes();
    foreach (var report in summary.Reports)
    {
        var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
        var seconds = (report.ResultStatistics?.Mean ?? double.NaN) / 1e9;
        Console.WriteLine($"| {name} | {tarBytes / seconds / 1048576:F0} | |");
    }

    foreach (var (name, size) in sizes)
    {
        Console.WriteLine($"| size: {name} | | {size / 1048576.0:F2} MiB ({size / (double)sizes["tar"]:P0}) |");
    }
}
