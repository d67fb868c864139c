using System.Net;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Faults;

/// <summary>
/// Each kind of request the store sends, failing for good (retries off, every such request
/// throttled or cut): the store throws an <see cref="S3OperationException"/> naming the
/// operation and the key, with the server's code or, for a cut, none.
/// </summary>
[Collection("S3")]
public sealed class OperationFailureTests(S3ServerFixture server)
{
    private const int PartSize = 5 << 20;

    public static TheoryData<string> Operations =>
    [
        S3Operations.PutObject, S3Operations.GetObject, S3Operations.HeadObject, S3Operations.ListObjectsV2,
        S3Operations.DeleteObject, S3Operations.DeleteObjects, S3Operations.CreateMultipartUpload,
        S3Operations.UploadPart, S3Operations.CompleteMultipartUpload,
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_throttled_request_is_an_S3OperationException_naming_operation_key_and_SlowDown(string operation)
    {
        await using var target = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { PartSizeBytes = PartSize }, maxAttempts: 1);
        var (matches, act, key) = Case(target, operation);
        await target.Direct.PutObjectAsync("p/a", TestData.Random(10, 1));
        target.Proxy.Plan = FaultPlan.Always(Fault.SlowDown).Where(matches);

        var ex = await Assert.ThrowsAsync<S3OperationException>(act);

        // A HEAD answer has no body to carry the code: the SDK names the status instead.
        var code = operation == S3Operations.HeadObject ? "ServiceUnavailable" : "SlowDown";
        Assert.Equal((operation, key, code, HttpStatusCode.ServiceUnavailable), (ex.Operation, ex.Key, ex.ErrorCode, ex.StatusCode));
        Assert.Contains($"{operation} '{ex.Key}'", ex.Message);
        Assert.True(target.Proxy.Counters.SlowDowns >= 1, target.Proxy.Counters.ToString());
    }

    [Theory]
    [InlineData(S3Operations.PutObject)]
    [InlineData(S3Operations.UploadPart)]
    [InlineData(S3Operations.ListObjectsV2)]
    public async Task A_request_cut_every_time_is_an_S3OperationException_with_no_server_answer(string operation)
    {
        await using var target = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { PartSizeBytes = PartSize }, maxAttempts: 1);
        var (matches, act, key) = Case(target, operation);
        target.Proxy.Plan = FaultPlan.Always(Fault.CutRequest(1000)).Where(matches);

        var ex = await Assert.ThrowsAsync<S3OperationException>(act);

        Assert.Equal((operation, key, true), (ex.Operation, ex.Key, ex.IsNetworkFailure));
        Assert.Null(ex.ErrorCode);
        Assert.True(target.Proxy.Counters.RequestCuts >= 1, target.Proxy.Counters.ToString());
    }

    [Fact]
    public async Task An_object_whose_body_is_cut_mid_read_fails_the_read_naming_GetObject_and_the_key()
    {
        await using var target = ProxiedStore.Create(server);
        await target.Direct.PutObjectAsync("p/a", TestData.Random(50_000, 1));
        target.Proxy.Plan = FaultPlan.Next(1, Fault.CutResponse(20_000));

        var content = await target.Store.GetObjectAsync("p/a");
        var ex = await Assert.ThrowsAsync<S3OperationException>(() => TestData.ReadAllAsync(content));

        Assert.Equal((S3Operations.GetObject, target.Store.ResolveKey("p/a"), true), (ex.Operation, ex.Key, ex.IsNetworkFailure));
        Assert.Equal(1, target.Proxy.Counters.ResponseCuts);
    }

    [Fact]
    public async Task A_manifest_whose_body_is_cut_once_is_read_again()
    {
        await using var target = ProxiedStore.Create(server);
        await target.Direct.WriteManifestAsync("m/manifest.jsonl", [new FileEntry("a"), new FileEntry("b")], ManifestWriteMode.AppendParts);
        target.Proxy.Plan = FaultPlan.Next(1, Fault.CutResponse(10)).Where(r => r.Method == "GET");

        await target.Store.WriteManifestAsync("m/manifest.jsonl", [new FileEntry("c")], ManifestWriteMode.AppendParts);

        Assert.Equal(1, target.Proxy.Counters.ResponseCuts);
        Assert.Equal(["a", "b", "c"], (await target.Direct.ReadManifestEntriesAsync("m/manifest.jsonl").ToListAsync()).Cast<FileEntry>().Select(f => f.Key));
    }

    [Fact]
    public async Task Cancellation_stays_an_OperationCanceledException()
    {
        await using var target = ProxiedStore.Create(server);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => target.Store.PutObjectAsync("p/a", TestData.Random(10, 1), cancellationToken: new CancellationToken(canceled: true)));
    }

    // Which requests the operation sends, a call that sends them, and the full key (or prefix) it is about.
    private static (Func<ProxiedRequest, bool> Matches, Func<Task> Act, string Key) Case(ProxiedStore target, string operation)
    {
        var store = target.Store;
        var (matches, act, key) = CaseOf(store, operation);
        return (matches, act, key.EndsWith('/') ? store.ResolveKey(key) + "/" : store.ResolveKey(key));
    }

    private static (Func<ProxiedRequest, bool> Matches, Func<Task> Act, string Key) CaseOf(S3ExchangeStore store, string operation)
    {
        var big = TestData.Random(PartSize + 1000, 2);
        return operation switch
        {
            S3Operations.PutObject => (r => r.Method == "PUT", () => store.PutObjectAsync("p/b", TestData.Random(2000, 3)), "p/b"),
            S3Operations.GetObject => (r => r.Method == "GET", () => store.GetObjectAsync("p/a"), "p/a"),
            S3Operations.HeadObject => (r => r.Method == "HEAD", () => store.ExistsAsync("p/a"), "p/a"),
            S3Operations.ListObjectsV2 => (r => r.Method == "GET" && r.HasQuery("list-type"), () => store.ListKeysAsync("p/").ToListAsync().AsTask(), "p/"),
            S3Operations.DeleteObject => (r => r.Method == "DELETE", () => store.DeleteKeyAsync("p/a"), "p/a"),
            S3Operations.DeleteObjects => (r => r.Method == "POST" && r.HasQuery("delete"), () => store.DeletePrefixAsync("p/"), "p/a"),
            S3Operations.CreateMultipartUpload => (r => r.Method == "POST" && r.HasQuery("uploads"), () => store.PutObjectAsync("p/big", big), "p/big"),
            S3Operations.UploadPart => (r => r.Method == "PUT" && r.HasQuery("partNumber"), () => store.PutObjectAsync("p/big", big), "p/big"),
            S3Operations.CompleteMultipartUpload => (r => r.Method == "POST" && r.HasQuery("uploadId"), () => store.PutObjectAsync("p/big", big), "p/big"),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }
}
