namespace S3Exchange.Bench.Faults;

/// <summary>One sharded put: 4,000 items of 1 KiB into 40 gzip shards (8 uploads at once) and an appended manifest part; all or nothing.</summary>
internal sealed class ShardedPutWorkload : FaultWorkload
{
    private const int Count = 4000;

    private static readonly List<ShardItem> Items = Enumerable.Range(0, Count)
        .Select(i => ShardItem.FromBytes($"items/{i:0000}.bin", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"item {i} ", 200)))[..1024]))
        .ToList();

    public override string Name => "sharded";

    public override string Description => $"PutItemsAsShardsAsync of {Count:N0} × 1 KiB items → 40 tar.gz shards + manifest part";

    public override async Task<WorkloadOutcome> RunAsync(S3ExchangeStore store) =>
        WorkloadOutcome.Of(await Attempt.RunAsync(() => store.PutItemsAsShardsAsync("sharded/manifest.jsonl", Items, new ShardingOptions { MaxEntries = 100 })).ConfigureAwait(false));
}
