using S3Exchange.Testing;

namespace S3Exchange.Tests.Faults;

/// <summary>
/// Multipart uploads failing for good (retries off): through the synchronous writes of a bzip2
/// shard, at the commit, and at the abort, each failure is an <see cref="S3OperationException"/>
/// naming its operation and key.
/// </summary>
[Collection("S3")]
public sealed class MultipartFailureTests(S3ServerFixture server)
{
    private const int PartSize = UploadSettings.MinimumPartSize;
    private static readonly S3ExchangeStoreOptions SmallParts = new() { PartSizeBytes = PartSize };

    [Fact]
    public async Task A_bzip2_shard_larger_than_a_part_is_stored_in_parts_and_reads_back_whole()
    {
        await using var target = ProxiedStore.Create(server, options: SmallParts);
        var items = Items();

        var shard = await target.Store.PutShardArchiveAsync("b/shard.tar.bz2", items, ShardCompression.Bzip2);

        Assert.True(target.Proxy.Counters.RequestsTo("PUT", $"/{target.Store.Bucket}/{shard.Entry.ArchiveKey}") >= 2, "not uploaded in parts: " + target.Proxy.Counters);
        await target.Direct.PutShardedAsync("b/manifest.jsonl", [shard.Entry]);
        var read = new Dictionary<string, byte[]>();
        await foreach (var member in target.Direct.ReadObjectsAsync("b/manifest.jsonl"))
        {
            read[member.Entry.MemberPath!] = await TestData.ReadAllAsync(member.Content);
        }

        Assert.Equal(items.Select(i => i.Path), read.Keys);
        Assert.Equal(Content(0), read["0.bin"]);
        Assert.Equal(Content(1), read["1.bin"]);
    }

    [Fact]
    public async Task A_part_of_a_bzip2_shard_that_fails_names_UploadPart_and_the_archive_and_stores_nothing()
    {
        await using var target = ProxiedStore.Create(server, options: SmallParts, maxAttempts: 1);
        target.Proxy.Plan = FaultPlan.Always(Fault.SlowDown).Where(r => r.Method == "PUT" && r.HasQuery("partNumber"));

        var ex = await Assert.ThrowsAsync<S3OperationException>(() => target.Store.PutShardArchiveAsync("b/shard.tar.bz2", Items(), ShardCompression.Bzip2));

        Assert.Equal((S3Operations.UploadPart, target.Store.ResolveKey("b/shard.tar.bz2")), (ex.Operation, ex.Key));
        Assert.True(target.Proxy.Counters.SlowDowns >= 1, target.Proxy.Counters.ToString());
        Assert.Empty(await target.Direct.ListKeysAsync("b/").ToListAsync());
    }

    [Fact]
    public async Task A_commit_that_fails_is_reported_as_CompleteMultipartUpload_even_when_the_abort_fails_too()
    {
        await using var target = ProxiedStore.Create(server, options: SmallParts, maxAttempts: 1);
        target.Proxy.Plan = FaultPlan.Always(Fault.SlowDown).Where(r => r.HasQuery("uploadId") && r.Method is "POST" or "DELETE");

        var ex = await Assert.ThrowsAsync<S3OperationException>(() => target.Store.PutObjectAsync("b/big", TestData.Random(PartSize + 1000, 7)));

        Assert.Equal((S3Operations.CompleteMultipartUpload, target.Store.ResolveKey("b/big")), (ex.Operation, ex.Key));
        Assert.True(target.Proxy.Counters.Count("DELETE", FaultKind.SlowDown) >= 1, "no abort was sent: " + target.Proxy.Counters);
    }

    [Fact]
    public async Task An_abort_that_fails_is_an_S3OperationException_naming_AbortMultipartUpload_and_the_key()
    {
        await using var target = ProxiedStore.Create(server, maxAttempts: 1);
        var storage = new ObjectStorage(target.Store.Client, target.Store.Bucket, target.Store.Options.S3CompatibleEndpoint);
        var key = target.Store.ResolveKey("b/aborted");
        var uploadId = await storage.CreateMultipartUploadAsync(key, null, CancellationToken.None);
        target.Proxy.Plan = FaultPlan.Always(Fault.SlowDown).Where(r => r.Method == "DELETE");

        var ex = await Assert.ThrowsAsync<S3OperationException>(() => storage.AbortMultipartUploadAsync(key, uploadId, CancellationToken.None));

        Assert.Equal((S3Operations.AbortMultipartUpload, key, "SlowDown"), (ex.Operation, ex.Key, ex.ErrorCode));
        target.Proxy.Plan = FaultPlan.None;
        await storage.AbortMultipartUploadAsync(key, uploadId, CancellationToken.None);
    }

    // Random bytes barely compress: 1.5 parts of bzip2 output.
    private static List<ShardItem> Items() => [ShardItem.FromBytes("0.bin", Content(0)), ShardItem.FromBytes("1.bin", Content(1))];

    private static byte[] Content(int i) => TestData.Random((PartSize * 3 / 4) + i, 10 + i);
}
