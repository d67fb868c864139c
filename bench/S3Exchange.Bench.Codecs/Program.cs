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
    var tarBytes = (double)ShardCompressionBenchmarks.TarBytes;
    Console.WriteLine();
    Console.WriteLine("| content | shard codec step | MiB/s of tar (median) |");
    Console.WriteLine("|---|---|---:|");
    foreach (var report in summary.Reports)
    {
        var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
        var content = report.BenchmarkCase.Parameters["Content"];
        var seconds = (report.ResultStatistics?.Median ?? double.NaN) / 1e9;
        Console.WriteLine($"| {content} | {name} | {tarBytes / seconds / 1048576:F0} |");
    }

    Console.WriteLine();
    Console.WriteLine("| content | output | size |");
    Console.WriteLine("|---|---|---:|");
    foreach (var content in new[] { "binary", "random", "text" })
    {
        var compression = new ShardCompressionBenchmarks { Content = content };
        compression.Setup();
        var sizes = compression.CompressedSizes();
        foreach (var (name, size) in sizes)
        {
            Console.WriteLine($"| {content} | {name} | {size / 1048576.0:F2} MiB ({size / (double)sizes["tar"]:P0}) |");
        }
    }
}
