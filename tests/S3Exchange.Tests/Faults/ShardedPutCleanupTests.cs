using S3Exchange.Testing;

namespace S3Exchange.Tests.Faults;

/// <summary>A sharded put that fails midway writes no manifest and takes its archives back.</summary>
[Collection("S3")]
public sealed class ShardedPutCleanupTests(S3ServerFixture server)
{
    private const string Manifest = "s/manifest.jsonl";
    private const string FailingShard = "s/shards/shard-00004.tar";

    // One upload at a time, in order: shards 0 to 3 are stored when shard 4 fails.
    private static readonly S3ExchangeStoreOptions OneAtATime = new() { MaxConcurrency = 1 };

    [Fact]
    public async Task A_shard_upload_that_fails_after_the_retries_leaves_no_manifest_and_no_archive()
    {
        await using var target = ProxiedStore.Create(server, options: OneAtATime, maxAttempts: 1);
        target.Proxy.Plan = FaultPlan.Always(Fault.SlowDown).Where(r => r.Method == "PUT" && target.Targets(r, FailingShard));

        var ex = await Assert.ThrowsAsync<S3OperationException>(() => target.Store.PutItemsAsShardsAsync(Manifest, Items(), Sharding));

        Assert.Equal((S3Operations.PutObject, target.Store.ResolveKey(FailingShard)), (ex.Operation, ex.Key));
        Assert.Equal(1, target.Proxy.Counters.SlowDowns);
        Assert.Empty(await target.Direct.ListKeysAsync("s/").ToListAsync());
    }

    [Fact]
    public async Task When_the_archives_cannot_be_deleted_the_exception_names_those_left()
    {
        await using var target = ProxiedStore.Create(server, options: OneAtATime, maxAttempts: 1);
        target.Proxy.Plan = FaultPlan.Always(Fault.SlowDown).Where(r => (r.Method == "PUT" && target.Targets(r, FailingShard)) || r.HasQuery("delete"));

        var ex = await Assert.ThrowsAsync<ShardCleanupException>(() => target.Store.PutItemsAsShardsAsync(Manifest, Items(), Sharding));

        var left = await target.Direct.ListKeysAsync("s/").ToListAsync();
        Assert.Equal(Enumerable.Range(0, 4).Select(i => target.Store.ResolveKey($"s/shards/shard-{i:00000}.tar")), left.Order());
        Assert.Subset(ex.RemainingArchiveKeys.ToHashSet(), left.ToHashSet());
        Assert.Equal(target.Store.ResolveKey(Manifest), ex.ManifestKey);
        Assert.Equal(target.Store.ResolveKey(FailingShard), Assert.IsType<S3OperationException>(ex.InnerException).Key);
        Assert.Equal(S3Operations.DeleteObjects, Assert.IsType<S3OperationException>(ex.DeleteFailure).Operation);
        Assert.Contains(left[0], ex.Message);
        Assert.Equal(2, target.Proxy.Counters.SlowDowns);
    }

    private static ShardingOptions Sharding => new() { MaxEntries = 10, Compression = ShardCompression.None };

    private static IEnumerable<ShardItem> Items() => Enumerable.Range(0, 100).Select(i => ShardItem.FromBytes($"{i:000}.bin", TestData.Random(200, i)));
}
