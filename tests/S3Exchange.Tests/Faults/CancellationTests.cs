using Amazon.S3.Model;
using S3Exchange.Testing;
using S3Exchange.Tests.Streaming;

namespace S3Exchange.Tests.Faults;

/// <summary>
/// Cancellation with an upload in flight (README "Shards": "A failure or cancellation aborts the
/// upload; nothing half-written is ever visible"; <c>PutItemsAsShardsAsync</c>: when the call is
/// cancelled "no manifest is written and every archive the call started writing is deleted"). The
/// proxy holds the upload's requests, so the token is cancelled while one is surely in flight.
/// </summary>
[Collection("S3")]
public sealed class CancellationTests(S3ServerFixture server)
{
    private const int MiB = 1024 * 1024;
    private const int PartSize = UploadSettings.MinimumPartSize;

    // Longer than any test: a held request is dropped when the proxy is disposed, never relayed
    // late (a relayed one could land after the cleanup and leave what the test says is gone).
    private static readonly TimeSpan Held = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Cancelling_a_multipart_put_while_a_part_is_held_aborts_the_upload_and_stores_nothing()
    {
        await using var target = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { PartSizeBytes = PartSize });
        target.Proxy.Plan = FaultPlan.Always(Fault.Delay(Held)).Where(r => r.Method == "PUT" && r.HasQuery("partNumber"));
        var key = target.Store.ResolveKey("c/big.bin");
        using var cancellation = new CancellationTokenSource();
        await using var source = new PseudoRandomStream((2 * PartSize) + MiB, 1);   // cannot seek: streamed in parts

        var put = target.Store.PutObjectAsync("c/big.bin", source, cancellationToken: cancellation.Token);
        await WaitUntilHeldAsync(target, put);
        Assert.Single(await UploadsAsync(target, key));   // the upload is begun, and the listing shows it
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);
        Assert.False(await target.Direct.ExistsAsync("c/big.bin"));
        Assert.Empty(await UploadsAsync(target, key));
        var abort = Assert.Single(target.Proxy.Counters.RequestsWhere(r => r.Method == "DELETE"));
        Assert.Equal(($"/{target.Store.Bucket}/{key}", true), (abort.Path, abort.HasQuery("uploadId")));
        Assert.Equal(1, target.Proxy.Counters.RequestsTo("POST", $"/{target.Store.Bucket}/{key}"));   // CreateMultipartUpload, and no CompleteMultipartUpload
    }

    [Fact]
    public async Task Cancelling_a_sharded_put_while_a_shard_upload_is_held_writes_no_manifest_and_leaves_no_archive()
    {
        // One upload at a time, in order: shards 0 and 1 are stored when shard 2 is held.
        await using var target = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { MaxConcurrency = 1 });
        target.Proxy.Plan = FaultPlan.Always(Fault.Delay(Held)).Where(r => r.Method == "PUT" && target.Targets(r, "s/shards/shard-00002.tar"));
        using var cancellation = new CancellationTokenSource();
        var items = Enumerable.Range(0, 50).Select(i => ShardItem.FromBytes($"{i:000}.bin", TestData.Random(300, i)));

        var put = target.Store.PutItemsAsShardsAsync("s/manifest.jsonl", items, new ShardingOptions { MaxEntries = 10, Compression = ShardCompression.None }, cancellation.Token);
        await WaitUntilHeldAsync(target, put);
        Assert.Equal(
            [target.Store.ResolveKey("s/shards/shard-00000.tar"), target.Store.ResolveKey("s/shards/shard-00001.tar")],
            (await target.Direct.ListKeysAsync("s/").ToListAsync()).Order());   // what the cleanup must take back
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);
        await target.Proxy.DisposeAsync();
        Assert.Empty(await target.Direct.ListKeysAsync("s/").ToListAsync());
        Assert.Equal(0, target.Proxy.Counters.RequestsTo("PUT", $"/{target.Store.Bucket}/{target.Store.ResolveKey("s/manifest.jsonl")}"));
    }

    // Until the proxy holds a request of the operation (which must not have ended by then).
    private static async Task WaitUntilHeldAsync(ProxiedStore target, Task operation)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (target.Proxy.Counters.PeakDelayed == 0)
        {
            Assert.False(operation.IsCompleted, $"the operation ended before a request was held: {operation.Exception?.InnerException?.Message ?? operation.Status.ToString()}");
            Assert.True(DateTime.UtcNow < deadline, "no request was held within 60 s: " + target.Proxy.Counters);
            await Task.Delay(20);
        }
    }

    // The multipart uploads in progress for the key, as the server lists them.
    private async Task<List<MultipartUpload>> UploadsAsync(ProxiedStore target, string key)
    {
        var response = await target.Direct.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = server.Bucket, Prefix = key });
        return (response.MultipartUploads ?? []).Where(u => u.Key == key).ToList();
    }
}
