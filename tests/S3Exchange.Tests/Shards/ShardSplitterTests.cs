namespace S3Exchange.Tests.Shards;

public sealed class ShardSplitterTests
{
    [Fact]
    public void A_new_batch_starts_when_max_entries_would_be_exceeded()
    {
        var batches = ShardSplitter.Split(Enumerable.Range(0, 7), _ => 1, maxEntries: 3).ToList();
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public void A_new_batch_starts_when_max_bytes_would_be_exceeded()
    {
        var sizes = new long[] { 4, 4, 3, 6, 1 };
        var batches = ShardSplitter.Split(sizes, s => s, maxBytes: 10).ToList();
        Assert.Equal([[4L, 4], [3L, 6, 1]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public void An_item_larger_than_max_bytes_gets_a_batch_of_its_own()
    {
        var batches = ShardSplitter.Split(new long[] { 2, 50, 3 }, s => s, maxBytes: 10).ToList();
        Assert.Equal([[2L], [50L], [3L]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public void Without_limits_everything_is_one_batch_and_nothing_is_no_batch()
    {
        Assert.Single(ShardSplitter.Split(Enumerable.Range(0, 100), _ => 1000));
        Assert.Empty(ShardSplitter.Split(Array.Empty<int>(), _ => 1, maxEntries: 2));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(null, 0L)]
    [InlineData(null, -5L)]
    public void Zero_or_negative_limits_are_refused(int? maxEntries, long? maxBytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardSplitter.Split(new[] { 1 }, _ => 1, maxEntries, maxBytes));
    }

    [Fact]
    public void Shard_items_split_by_their_sizes()
    {
        var items = Enumerable.Range(0, 5).Select(i => ShardItem.FromBytes($"m{i}", new byte[10])).ToList();
        Assert.Equal([2, 2, 1], ShardSplitter.Split(items, maxBytes: 25).Select(b => b.Count));
    }
}
