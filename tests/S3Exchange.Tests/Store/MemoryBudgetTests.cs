using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

/// <summary>
/// README "Performance": upload buffers are bounded by one store-wide budget
/// (<see cref="S3ExchangeStoreOptions.MemoryBudgetBytes"/>), not by concurrency × parts × part
/// size: shard uploads running at once lease at most the budget together, finish even when it
/// holds exactly two parts, return every byte on every way out, and a budget below one part is
/// refused with its name.
/// </summary>
[Collection("S3")]
public sealed class MemoryBudgetTests(S3ServerFixture server)
{
    private const int PartSize = UploadSettings.MinimumPartSize;

    [Fact]
    public async Task Eight_shard_uploads_at_once_lease_at_most_the_budget_together_and_return_all_of_it()
    {
        // Eight archives of two parts each: unbounded, the eight uploads would hold 16 part
        // buffers at once (a filling one and one in flight each); the budget allows 3.
        const long Budget = 3L * PartSize;
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = PartSize, MemoryBudgetBytes = Budget, MaxConcurrency = 8 });
        var items = Items(8, PartSize + (512 * 1024), seed: 10);

        var shards = await store.PutItemsAsShardsAsync("budget/manifest.jsonl", items, new ShardingOptions { MaxEntries = 1, Compression = ShardCompression.None });

        Assert.Equal(8, shards.Count);
        Assert.InRange(store.Buffers.PeakLeasedBytes, 2L * PartSize, Budget);
        Assert.Equal(0, store.Buffers.LeasedBytes);
        await AssertReadBackAsync(store, "budget/manifest.jsonl", items);
    }

    [Theory]
    [InlineData(ShardCompression.None)]
    [InlineData(ShardCompression.Bzip2)]
    public async Task Eight_uploads_at_once_finish_with_a_budget_of_exactly_two_parts(ShardCompression compression)
    {
        // Three parts each (plain tar; bzip2 does not shrink random bytes). Bzip2 writes into
        // the upload synchronously: those writes take their buffers past the budget rather than
        // wait, so only the plain uploads are held to it exactly.
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = PartSize, MemoryBudgetBytes = 2L * PartSize, MaxConcurrency = 8 });
        var items = Items(8, (2 * PartSize) + 1000, seed: 20);

        var shards = await store.PutItemsAsShardsAsync("two-parts/manifest.jsonl", items, new ShardingOptions { MaxEntries = 1, Compression = compression })
            .WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(8, shards.Count);
        Assert.Equal(0, store.Buffers.LeasedBytes);
        if (compression == ShardCompression.None)
        {
            Assert.Equal(2L * PartSize, store.Buffers.PeakLeasedBytes);
        }

        await AssertReadBackAsync(store, "two-parts/manifest.jsonl", items);
    }

    [Fact]
    public async Task An_upload_cancelled_while_it_waits_for_a_lease_returns_everything_and_stores_nothing()
    {
        var store = server.CreateStore();
        var storage = new ObjectStorage(store.Client, store.Bucket, store.Options.S3CompatibleEndpoint);
        var budget = new BufferBudget(PartSize);
        var settings = new UploadSettings(PartSize, 2, budget);
        var (holderKey, waiterKey) = (store.ResolveKey("lease/holder.bin"), store.ResolveKey("lease/waiter.bin"));
        using var cancellation = new CancellationTokenSource();
        var data = TestData.Random(1000, 30);

        var holder = new UploadStream(storage, holderKey, null, settings);
        await using (holder)
        {
            await holder.WriteAsync(data);
            var waiter = new UploadStream(storage, waiterKey, null, settings);
            await using (waiter)
            {
                var write = waiter.WriteAsync(data, cancellation.Token).AsTask();
                Assert.False(write.IsCompleted);   // the holder has the whole budget
                await cancellation.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
            }

            Assert.Equal((PartSize, 1), (budget.LeasedBytes, budget.LeaseCount));
            await holder.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(0, budget.LeasedBytes);
        Assert.Null(await storage.HeadAsync(waiterKey, CancellationToken.None));
        Assert.Equal(data, (await storage.ReadBytesAsync(holderKey, null, CancellationToken.None)).Content);
    }

    [Fact]
    public void A_budget_below_the_part_size_is_refused_naming_both()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = 8 * 1024 * 1024, MemoryBudgetBytes = (8 * 1024 * 1024) - 1 }));

        Assert.Equal(("MemoryBudgetBytes", (object?)8_388_607L), (ex.ParamName, ex.ActualValue));
        Assert.StartsWith("MemoryBudgetBytes must be at least PartSizeBytes (8388608): an upload needs one part buffer.", ex.Message, StringComparison.Ordinal);
    }

    private static List<ShardItem> Items(int count, int size, int seed) =>
        Enumerable.Range(0, count).Select(i => ShardItem.FromBytes($"{i:00}.bin", TestData.Random(size, seed + i))).ToList();

    private static async Task AssertReadBackAsync(S3ExchangeStore store, string manifestKey, List<ShardItem> items)
    {
        var expected = new List<string>();
        foreach (var item in items)
        {
            var content = await item.OpenAsync(CancellationToken.None);
            await using (content)
            {
                expected.Add(TestData.Sha256(await TestData.ReadAllAsync(content)));
            }
        }

        var read = new List<string>();
        await foreach (var item in store.ReadObjectsAsync(manifestKey))
        {
            await using (item)
            {
                read.Add(TestData.Sha256(await TestData.ReadAllAsync(item.Content)));
            }
        }

        Assert.Equal(expected, read);
    }
}
