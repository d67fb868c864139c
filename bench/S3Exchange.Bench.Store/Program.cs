using S3Exchange;
using S3Exchange.Bench.Store;
using S3Exchange.Bench.Store.Workloads;

// The store against raw S3 requests, each workload beside its baseline in the same run.
// See docs/performance.md for the command, the figures and what they mean.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await using var server = await BenchServer.StartAsync();
Console.WriteLine(ResultTable.Environment(server, settings));
Console.WriteLine();

var content = new TestContent();
Task<ShardedDataset>? sharded = null;
Task<ShardedDataset> Sharded() => sharded ??= ShardedDataset.CreateGzipAsync(server, settings, content);
Task<ShardedDataset>? shardedBzip2 = null;
Task<ShardedDataset> ShardedBzip2() => shardedBzip2 ??= ShardedDataset.CreateBzip2Async(server, settings, content);

Workload[] workloads =
[
    new PutObjectsWorkload(server, settings, content),
    new PutShardedWorkload(server, settings, Sharded),
    new IterateShardsWorkload(server, settings, Sharded),
    new IterateShardsWorkload(server, settings, Sharded, "iterate-ahead", new ReadObjectsOptions { DecompressAheadBytes = 32 * 1024 * 1024 }),
    new DecodeFloorWorkload(server, settings, Sharded),
    new IterateShardsWorkload(server, settings, ShardedBzip2, "iterate-bzip2"),
    new DownloadManyWorkload(server, settings, Sharded),
    new RandomMemberReadsWorkload(server, settings, content),
    new LargeUploadWorkload(server, settings, content),
    new LargeDownloadWorkload(server, settings, content),
    new ListDeleteWorkload(server, settings),
    new ManifestRefsWorkload(server, settings, ManifestRefLayout.Chain),
    new ManifestRefsWorkload(server, settings, ManifestRefLayout.ChainShortRest),
    new ManifestRefsWorkload(server, settings, ManifestRefLayout.ChainLongRest),
    new ManifestRefsWorkload(server, settings, ManifestRefLayout.Parts),
];

var rows = new List<Comparison>();
foreach (var workload in workloads.Where(w => settings.Selected(w.Name)))
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var result = await workload.RunAsync();
    rows.AddRange(result);
    Console.Error.WriteLine($"[{workload.Name}] done in {clock.Elapsed.TotalSeconds:F0} s: {string.Join("; ", result.Select(r => $"{r.Store.Elapsed.TotalSeconds:F2} s vs {r.Baseline.Elapsed.TotalSeconds:F2} s"))}");
}

foreach (var dataset in new[] { sharded, shardedBzip2 }.OfType<Task<ShardedDataset>>())
{
    await server.DeletePrefixAsync((await dataset).Prefix);
}

var memoryRows = new List<MemoryComparison>();
var memory = new ShardMemoryWorkload(server, settings, content);
if (settings.Selected(memory.Name))
{
    memoryRows.AddRange(await memory.RunAsync());
}

if (rows.Count > 0)
{
    Console.WriteLine(ResultTable.Times(rows));
}

if (memoryRows.Count > 0)
{
    Console.WriteLine(ResultTable.Memory(memoryRows));
}

return 0;
