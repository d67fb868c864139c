namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// Peak memory (managed heap and process RSS) of writing and of iterating a small and a large tar.gz shard, which
/// must be nearly the same: the archive streams through, only buffers and one member are held.
/// </summary>
internal sealed class ShardMemoryWorkload(BenchServer server, BenchSettings settings, TestContent content)
{
    public const int MinMember = 64 * 1024;
    public const int MaxMember = 1024 * 1024;

    public string Name => "memory";

    public async Task<IReadOnlyList<MemoryComparison>> RunAsync()
    {
        var small = Settings.Scaled(64) * 1024L * 1024;
        var large = Settings.Scaled(512) * 1024L * 1024;
        var (smallWrite, smallRead) = await MeasureAsync(small).ConfigureAwait(false);
        var (largeWrite, largeRead) = await MeasureAsync(large).ConfigureAwait(false);
        return
        [
            new MemoryComparison("write tar.gz shard (PutShardArchiveAsync)", small, smallWrite, large, largeWrite, new S3ExchangeStoreOptions().PartSizeBytes),
            new MemoryComparison("iterate tar.gz shard (ReadObjectsAsync)", small, smallRead, large, largeRead, MaxMember),
        ];
    }

    private BenchSettings Settings => settings;

    // Several runs each; the row keeps the highest peak, the honest figure for a bound.
    private async Task<(Measurement Write, Measurement Read)> MeasureAsync(long archiveBytes)
    {
        var sizes = new List<int>();
        var random = new Random(5);
        for (long total = 0; total < archiveBytes; total += sizes[^1])
        {
            sizes.Add(random.Next(MinMember, MaxMember + 1));
        }

        var items = content.Items([.. sizes]);
        var writes = new List<Measurement>();
        var reads = new List<Measurement>();
        for (var run = 0; run < Settings.Runs; run++)
        {
            var prefix = BenchServer.NewPrefix(Name);
            var store = server.CreateStore(prefix, Settings.MaxConcurrency);
            Shard shard = null!;
            writes.Add(await Measurement.TakeAsync(async () => shard = await store.PutShardArchiveAsync("memory/shard.tar.gz", items).ConfigureAwait(false)).ConfigureAwait(false));
            await store.PutShardedAsync("memory/manifest.jsonl", [shard.Entry]).ConfigureAwait(false);

            var reader = server.CreateStore(prefix, Settings.MaxConcurrency);
            var buffer = new byte[81920];
            long bytes = 0;
            reads.Add(await Measurement.TakeAsync(async () =>
            {
                await foreach (var item in reader.ReadObjectsAsync("memory/manifest.jsonl").ConfigureAwait(false))
                {
                    bytes += await Drain.ToEndAsync(item.Content, buffer).ConfigureAwait(false);
                }
            }).ConfigureAwait(false));
            Check.Equal(items.Sum(i => i.SizeBytes), bytes, "member bytes iterated");
            await server.DeletePrefixAsync(prefix).ConfigureAwait(false);
        }

        return (Workload.Summarise(writes), Workload.Summarise(reads));
    }
}
