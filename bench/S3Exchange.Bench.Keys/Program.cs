using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using S3Exchange.Bench.Keys;

// Checks that both ways build the same key before timing them.
var bench = new KeyBenchmarks();
if (bench.GeneratedKey() != bench.RuntimeParseAndResolve() || bench.GeneratedForAndKey() != bench.RuntimeResolve())
{
    Console.Error.WriteLine($"Keys differ: '{bench.GeneratedKey()}' vs '{bench.RuntimeParseAndResolve()}'.");
    return 1;
}

// A short in-process job keeps the whole run under two minutes on a 2-core machine.
var job = Job.ShortRun
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithWarmupCount(3)
    .WithIterationCount(8)
    .WithId("short-inprocess");
var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<KeyBenchmarks>(config, args);

var byName = summary.Reports.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name);
double Mean(string name) => byName[name].ResultStatistics?.Mean ?? double.NaN;
long Allocated(string name) => byName[name].GcStats.GetBytesAllocatedPerOperation(byName[name].BenchmarkCase) ?? -1;

var generated = Mean(nameof(KeyBenchmarks.GeneratedKey));
var runtime = Mean(nameof(KeyBenchmarks.RuntimeParseAndResolve));
var resultBytes = 20 + (2 * (bench.GeneratedKey().Length + 1)); // a string's size on 64-bit: header + UTF-16 chars + terminator, rounded below
Console.WriteLine();
Console.WriteLine($"Generated Key(): {generated:F2} ns, {Allocated(nameof(KeyBenchmarks.GeneratedKey))} B/op");
Console.WriteLine($"Runtime Parse().Resolve(): {runtime:F2} ns, {Allocated(nameof(KeyBenchmarks.RuntimeParseAndResolve))} B/op");
Console.WriteLine($"Runtime Resolve() (parsed kept): {Mean(nameof(KeyBenchmarks.RuntimeResolve)):F2} ns, {Allocated(nameof(KeyBenchmarks.RuntimeResolve))} B/op");
Console.WriteLine($"Speed-up of Key() over Parse().Resolve(): {runtime / generated:F1}x (target >= 5x)");
Console.WriteLine($"Result string '{bench.GeneratedKey()}' alone is about {(resultBytes + 7) / 8 * 8} B.");
return 0;
