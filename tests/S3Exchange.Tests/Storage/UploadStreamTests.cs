using S3Exchange.Testing;
using S3Exchange.Tests.Faults;

namespace S3Exchange.Tests.Storage;

/// <summary>
/// The upload stream against a real server: synchronous writes wait for no request, and every
/// part buffer it rents goes back to its pool on every way out.
/// </summary>
[Collection("S3")]
public sealed class UploadStreamTests(S3ServerFixture server)
{
    private const int PartSize = UploadSettings.MinimumPartSize;
    private static readonly UploadSettings Settings = new(PartSize, MaxConcurrentParts: 2);

    [Fact]
    public async Task A_single_put_returns_its_buffer()
    {
        var (storage, key) = Target("single");
        var pool = new CountingPool();
        var upload = new UploadStream(storage, key, null, Settings, pool);
        await using (upload)
        {
            await upload.WriteAsync(TestData.Random(1000, 1));
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal((1, 0, 0), (pool.Rented, pool.Outstanding, pool.UnknownReturns));
    }

    [Fact]
    public async Task A_multipart_upload_returns_every_part_buffer_and_stores_the_bytes()
    {
        var (storage, key) = Target("multipart");
        var pool = new CountingPool();
        var data = TestData.Random((2 * PartSize) + 1000, 2);
        var upload = new UploadStream(storage, key, null, Settings, pool);
        await using (upload)
        {
            await upload.WriteAsync(data);
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
        Assert.True(pool.Rented >= 3, $"{pool.Rented} rented");
        Assert.Equal(data, await ReadAsync(storage, key));
    }

    [Fact]
    public async Task An_upload_disposed_without_completing_returns_every_buffer_and_stores_nothing()
    {
        var (storage, key) = Target("abandoned");
        var pool = new CountingPool();
        var upload = new UploadStream(storage, key, null, Settings, pool);
        await using (upload)
        {
            await upload.WriteAsync(TestData.Random((2 * PartSize) + 1000, 3));
        }

        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
        Assert.Null(await storage.HeadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_cancelled_while_a_part_is_being_submitted_leaves_no_buffer_rented()
    {
        var (storage, key) = Target("cancelled");
        using var cancellation = new CancellationTokenSource();

        // The first rental is the first part's buffer, taken as the write begins: the token is
        // cancelled then, so the part is full and parked when its submission meets the token,
        // before its upload has begun.
        var pool = new CountingPool { OnRent = count => { if (count == 1) { cancellation.Cancel(); } } };
        var upload = new UploadStream(storage, key, null, Settings, pool);
        await using (upload)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WriteAsync(TestData.Random(PartSize + 1000, 4), cancellation.Token).AsTask());
        }

        Assert.Equal(1, pool.Rented);
        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
    }

    // README "Performance": writing "holds at most (1 + MaxConcurrentPartsPerUpload) ×
    // PartSizeBytes". The proxy holds each part a while, so the writer fills the next part and
    // then waits for a slot: the moment a buffer rented too early would show as one more.
    [Fact]
    public async Task An_upload_holds_at_most_one_part_buffer_more_than_its_parts_in_flight()
    {
        await using var target = ProxiedStore.Create(server);
        target.Proxy.Plan = FaultPlan.Always(Fault.Delay(TimeSpan.FromMilliseconds(300))).Where(r => r.Method == "PUT" && r.HasQuery("partNumber"));
        var storage = StorageOf(target.Store);
        var key = target.Store.ResolveKey("u/bounded");
        var data = TestData.Random((5 * PartSize) + 1000, 8);
        var pool = new CountingPool();
        var upload = new UploadStream(storage, key, null, Settings, pool);
        await using (upload)
        {
            await upload.WriteAsync(data);
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(Settings.MaxConcurrentParts, target.Proxy.Counters.PeakDelayed);   // the slots were full
        Assert.Equal(1 + Settings.MaxConcurrentParts, pool.PeakOutstanding);
        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
        Assert.Equal(data, await ReadAsync(storage, key));
    }

    [Fact]
    public async Task A_failed_part_returns_every_buffer_and_names_UploadPart_and_the_key()
    {
        await using var target = ProxiedStore.Create(server, maxAttempts: 1);
        target.Proxy.Plan = FaultPlan.Always(Fault.SlowDown).Where(r => r.Method == "PUT" && r.HasQuery("partNumber"));
        var storage = StorageOf(target.Store);
        var key = target.Store.ResolveKey("u/failed-part");
        var pool = new CountingPool();
        var upload = new UploadStream(storage, key, null, Settings, pool);
        S3OperationException ex;
        await using (upload)
        {
            await upload.WriteAsync(TestData.Random((2 * PartSize) + 1000, 5));
            ex = await Assert.ThrowsAsync<S3OperationException>(() => upload.CompleteAsync(CancellationToken.None));
        }

        Assert.Equal((S3Operations.UploadPart, key), (ex.Operation, ex.Key));
        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
        Assert.True(target.Proxy.Counters.SlowDowns >= 1, target.Proxy.Counters.ToString());
    }

    [Fact]
    public async Task Synchronous_writes_send_no_request_and_their_parts_go_up_at_the_next_asynchronous_call()
    {
        await using var target = ProxiedStore.Create(server);
        var storage = StorageOf(target.Store);
        var key = target.Store.ResolveKey("u/synchronous");
        var data = TestData.Random((2 * PartSize) + 1000, 6);
        var pool = new CountingPool();
        var upload = new UploadStream(storage, key, null, Settings, pool);
        await using (upload)
        {
            upload.Write(data, 0, PartSize + 10);
            foreach (var b in data.AsSpan(PartSize + 10, 10))
            {
                upload.WriteByte(b);
            }

            upload.Write(data.AsSpan(PartSize + 20));
            Assert.Equal(0, target.Proxy.Counters.Requests);

            // The flush starts the multipart upload and hands both full parts to their uploads.
            await upload.FlushAsync();
            Assert.Equal(1, target.Proxy.Counters.RequestsTo("POST", $"/{target.Store.Bucket}/{key}"));
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
        Assert.Equal(data, await ReadAsync(storage, key));
    }

    private (ObjectStorage Storage, string Key) Target(string name)
    {
        var store = server.CreateStore();
        return (StorageOf(store), store.ResolveKey($"u/{name}"));
    }

    private static ObjectStorage StorageOf(S3ExchangeStore store) => new(store.Client, store.Bucket, store.Options.S3CompatibleEndpoint);

    private static async Task<byte[]> ReadAsync(ObjectStorage storage, string key) => (await storage.ReadBytesAsync(key, null, CancellationToken.None)).Content;
}
