using S3Exchange.Testing;
using S3Exchange.Tests.Faults;

namespace S3Exchange.Tests.Storage;

/// <summary>
/// The upload stream against a real server: synchronous writes wait for no request, and every
/// part buffer it leases goes back to its budget on every way out (the budget throws on a
/// buffer returned twice, which would surface as a failed upload).
/// </summary>
[Collection("S3")]
public sealed class UploadStreamTests(S3ServerFixture server)
{
    private const int PartSize = UploadSettings.MinimumPartSize;
    private const int MaxConcurrentParts = 2;

    [Fact]
    public async Task A_single_put_returns_its_buffer()
    {
        var (storage, key) = Target("single");
        var budget = new BufferBudget(64L * PartSize);
        var upload = new UploadStream(storage, key, null, Settings(budget));
        await using (upload)
        {
            await upload.WriteAsync(TestData.Random(1000, 1));
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal((1, 0L), (budget.LeaseCount, budget.LeasedBytes));
    }

    [Fact]
    public async Task A_multipart_upload_returns_every_part_buffer_and_stores_the_bytes()
    {
        var (storage, key) = Target("multipart");
        var budget = new BufferBudget(64L * PartSize);
        var data = TestData.Random((2 * PartSize) + 1000, 2);
        var upload = new UploadStream(storage, key, null, Settings(budget));
        await using (upload)
        {
            await upload.WriteAsync(data);
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(0, budget.LeasedBytes);
        Assert.True(budget.LeaseCount >= 3, $"{budget.LeaseCount} leased");
        Assert.Equal(data, await ReadAsync(storage, key));
    }

    [Fact]
    public async Task An_upload_disposed_without_completing_returns_every_buffer_and_stores_nothing()
    {
        var (storage, key) = Target("abandoned");
        var budget = new BufferBudget(64L * PartSize);
        var upload = new UploadStream(storage, key, null, Settings(budget));
        await using (upload)
        {
            await upload.WriteAsync(TestData.Random((2 * PartSize) + 1000, 3));
        }

        Assert.Equal(0, budget.LeasedBytes);
        Assert.Null(await storage.HeadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_cancelled_while_a_part_is_being_submitted_leaves_no_buffer_leased()
    {
        var (storage, key) = Target("cancelled");
        using var cancellation = new CancellationTokenSource();

        // A synchronous write leases the first part's buffer and parks it full; the token is
        // cancelled then, so the part is parked when its submission meets the token, before its
        // upload has begun.
        var budget = new BufferBudget(64L * PartSize);
        var upload = new UploadStream(storage, key, null, Settings(budget));
        await using (upload)
        {
            upload.Write(TestData.Random(PartSize + 1000, 4));
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.FlushAsync(cancellation.Token));
        }

        Assert.Equal(2, budget.LeaseCount);
        Assert.Equal(0, budget.LeasedBytes);
    }

    // README "Performance": writing "holds at most (1 + MaxConcurrentPartsPerUpload) ×
    // PartSizeBytes". The proxy holds each part a while, so the writer fills the next part and
    // then waits for a slot: the moment a buffer leased too early would show as one more.
    [Fact]
    public async Task An_upload_holds_at_most_one_part_buffer_more_than_its_parts_in_flight()
    {
        await using var target = ProxiedStore.Create(server);
        target.Proxy.Plan = FaultPlan.Always(Fault.Delay(TimeSpan.FromMilliseconds(300))).Where(r => r.Method == "PUT" && r.HasQuery("partNumber"));
        var storage = StorageOf(target.Store);
        var key = target.Store.ResolveKey("u/bounded");
        var data = TestData.Random((5 * PartSize) + 1000, 8);
        var budget = new BufferBudget(64L * PartSize);
        var upload = new UploadStream(storage, key, null, Settings(budget));
        await using (upload)
        {
            await upload.WriteAsync(data);
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(MaxConcurrentParts, target.Proxy.Counters.PeakDelayed);   // the slots were full
        Assert.Equal((1 + MaxConcurrentParts) * (long)PartSize, budget.PeakLeasedBytes);
        Assert.Equal(0, budget.LeasedBytes);
        Assert.Equal(data, await ReadAsync(storage, key));
    }

    [Fact]
    public async Task A_failed_part_returns_every_buffer_and_names_UploadPart_and_the_key()
    {
        await using var target = ProxiedStore.Create(server, maxAttempts: 1);
        target.Proxy.Plan = FaultPlan.Always(Fault.SlowDown).Where(r => r.Method == "PUT" && r.HasQuery("partNumber"));
        var storage = StorageOf(target.Store);
        var key = target.Store.ResolveKey("u/failed-part");
        var budget = new BufferBudget(64L * PartSize);
        var upload = new UploadStream(storage, key, null, Settings(budget));
        S3OperationException ex;
        await using (upload)
        {
            await upload.WriteAsync(TestData.Random((2 * PartSize) + 1000, 5));
            ex = await Assert.ThrowsAsync<S3OperationException>(() => upload.CompleteAsync(CancellationToken.None));
        }

        Assert.Equal((S3Operations.UploadPart, key), (ex.Operation, ex.Key));
        Assert.Equal(0, budget.LeasedBytes);
        Assert.True(target.Proxy.Counters.SlowDowns >= 1, target.Proxy.Counters.ToString());
    }

    [Fact]
    public async Task Synchronous_writes_send_no_request_and_their_parts_go_up_at_the_next_asynchronous_call()
    {
        await using var target = ProxiedStore.Create(server);
        var storage = StorageOf(target.Store);
        var key = target.Store.ResolveKey("u/synchronous");
        var data = TestData.Random((2 * PartSize) + 1000, 6);
        var budget = new BufferBudget(64L * PartSize);
        var upload = new UploadStream(storage, key, null, Settings(budget));
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

        Assert.Equal(0, budget.LeasedBytes);
        Assert.Equal(data, await ReadAsync(storage, key));
    }

    private static UploadSettings Settings(BufferBudget budget) => new(PartSize, MaxConcurrentParts, budget);

    private (ObjectStorage Storage, string Key) Target(string name)
    {
        var store = server.CreateStore();
        return (StorageOf(store), store.ResolveKey($"u/{name}"));
    }

    private static ObjectStorage StorageOf(S3ExchangeStore store) => new(store.Client, store.Bucket, store.Options.S3CompatibleEndpoint);

    private static async Task<byte[]> ReadAsync(ObjectStorage storage, string key) => (await storage.ReadBytesAsync(key, null, CancellationToken.None)).Content;
}
