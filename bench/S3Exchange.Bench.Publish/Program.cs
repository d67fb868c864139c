// Publish benchmark: the same folder uploaded to the same S3 server by the S3Exchange.Build
// runtime publish engine that the MSBuild task calls (scan + SHA-256, plan, shards and loose objects
// in parallel, manifest), and again unchanged ("republish": only HEADs and the manifest), and by
// 'aws s3 cp --recursive' (awscli v1, default settings). Two folders: "random", 5,000 files of
// 4-64 KiB plus 5 of 20 MiB of seeded random bytes (incompressible), and "dotnet-shared", a copy
// of the running SDK's shared runtimes (real, compressible build output). Each figure is the
// median of --runs runs (default 3). Uses the server in S3EXCHANGE_TEST_ENDPOINT, or starts
// moto_server. Also: rclone copy at its best --transfers, a from-scratch republish with and
// without the hash cache, and build #200 against build #1 (ExtraRows). --only random|dotnet-shared|build-history
// runs one part. Run: dotnet run -c Release --project bench/S3Exchange.Bench.Publish [-- --runs N] [--random-only] [--only PART]
using System.Globalization;
using S3Exchange;
using S3Exchange.Bench.Publish;
using S3Exchange.Testing;

var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(3);
var randomOnly = args.Contains("--random-only");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
bool Selected(string part) => only is null || only == part;
var server = new S3ServerFixture();
await server.InitializeAsync();
var root = Path.Combine(Path.GetTempPath(), "s3xb-bench-" + Guid.NewGuid().ToString("N")[..8]);
try
{
    Console.WriteLine(Invariant($"Server {server.Endpoint}; {Environment.ProcessorCount} cores; median of {runs} run(s)"));
    if (Selected("random"))
    {
        var random = Path.Combine(root, "random");
        var (count, bytes) = BenchmarkFolder.Create(random, smallFiles: 5000, largeFiles: 5);
        await RunDataSetAsync("random", random, count, bytes);
        await ExtraRows.PrintRepublishAsync(server, random);
    }

    if (!randomOnly && Selected("dotnet-shared"))
    {
        var shared = Path.Combine(root, "dotnet-shared");
        var (count, bytes) = BenchmarkFolder.Copy(BenchmarkFolder.DotnetShared, shared);
        await RunDataSetAsync("dotnet-shared", shared, count, bytes);
    }

    if (!randomOnly && Selected("build-history"))
    {
        // One history (~1 min on moto, --runs does not apply): about 200 publishes.
        await ExtraRows.PrintBuildHistoryAsync(server, root);
    }
}
finally
{
    Directory.Delete(root, recursive: true);
    await server.DisposeAsync();
}

async Task RunDataSetAsync(string name, string folder, int count, long bytes)
{
    Console.WriteLine();
    Console.WriteLine(Invariant($"Data set '{name}': {count} files, {bytes / 1048576.0:0.0} MiB"));
    Console.WriteLine("| path | scan+hash+plan | upload+manifest | total | republish | client CPU | sent | vs awscli | fetch | fetch, 1 at a time | fetch speed-up |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    var variants = new (string Label, ShardCompression Compression, int Level)[]
    {
        ("gzip shards, level 2 (default)", ShardCompression.Gzip, S3ExchangeStoreOptions.DefaultShardCompressionLevel),
        ("gzip shards, level 1 (Fastest)", ShardCompression.Gzip, 1),
        ("gzip shards, level 6 (Optimal)", ShardCompression.Gzip, 6),
        ("gzip shards, level 9 (SmallestSize)", ShardCompression.Gzip, 9),
        ("plain tar shards", ShardCompression.None, S3ExchangeStoreOptions.DefaultShardCompressionLevel),
    };
    // The first publish in a process also pays for JIT compilation, thread pool growth and new
    // connections: timed on its own (a fresh MSBuild node or s3x pays it), then every variant warm.
    var cold = await RuntimePublish.RunAsync(server, folder, variants[0].Compression, variants[0].Level);
    var results = new List<(string Label, PublishRun Run)>();
    var totals = new Dictionary<string, TimeSpan>();
    foreach (var (label, compression, level) in variants)
    {
        var all = new List<PublishRun>();
        for (var i = 0; i < runs; i++)
        {
            all.Add(await RuntimePublish.RunAsync(server, folder, compression, level));
        }

        results.Add((label, new PublishRun(
            Median(all.Select(r => r.Plan)),
            Median(all.Select(r => r.Upload)),
            Median(all.Select(r => r.Republish)),
            Median(all.Select(r => r.Fetch)),
            Median(all.Select(r => r.FetchOneAtATime)),
            Median(all.Select(r => r.ClientCpu)),
            all[0].BytesSent)));
        totals[label] = Median(all.Select(r => r.Total));
    }

    var awscliRuns = Enumerable.Range(0, runs).Select(_ => AwsCliCopy.Run(server, folder)).ToList();
    var awscli = Median(awscliRuns);
    foreach (var (label, run) in results)
    {
        var total = totals[label];
        Console.WriteLine(Invariant($"| {label} | {run.Plan.TotalSeconds:0.00} s | {run.Upload.TotalSeconds:0.00} s | **{total.TotalSeconds:0.00} s** | {run.Republish.TotalSeconds:0.00} s | {run.ClientCpu.TotalSeconds:0.00} s | {run.BytesSent / 1048576.0:0.0} MiB ({100.0 * run.BytesSent / bytes:0}%) | **{awscli / total:0.0}×** | {run.Fetch.TotalSeconds:0.00} s | {run.FetchOneAtATime.TotalSeconds:0.00} s | {run.FetchOneAtATime / run.Fetch:0.0}× |"));
    }

    Console.WriteLine(Invariant($"| {variants[0].Label}, first publish in the process (not in the medians) | {cold.Plan.TotalSeconds:0.00} s | {cold.Upload.TotalSeconds:0.00} s | **{cold.Total.TotalSeconds:0.00} s** | | {cold.ClientCpu.TotalSeconds:0.00} s | {cold.BytesSent / 1048576.0:0.0} MiB | **{awscli / cold.Total:0.0}×** | | | |"));
    Console.WriteLine(Invariant($"| `aws s3 cp --recursive` | | | | **{awscli.TotalSeconds:0.00} s** (runs: {string.Join(", ", awscliRuns.Select(r => r.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))}) | | | 1× |"));
    // The first variant is the default settings.
    await ExtraRows.PrintRcloneAsync(server, folder, bytes, runs, results[0].Label, totals[results[0].Label], results[0].Run.BytesSent, awscli);
}

static TimeSpan Median(IEnumerable<TimeSpan> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
