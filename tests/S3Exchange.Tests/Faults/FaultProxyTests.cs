using Amazon.S3;
using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Faults;

/// <summary>The proxy itself: it relays faithfully, and each fault does what it is named for.</summary>
[Collection("S3")]
public sealed class FaultProxyTests(S3ServerFixture server)
{
    [Fact]
    public async Task Without_faults_objects_of_every_size_and_listings_pass_unchanged_over_kept_alive_connections()
    {
        await using var target = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { PartSizeBytes = 5 << 20 });
        var sizes = new[] { 0, 1, 1000, 70_000, (5 << 20) + 17 };
        foreach (var size in sizes)
        {
            await target.Store.PutObjectAsync($"o/{size}.bin", TestData.Random(size, size));
        }

        foreach (var size in sizes)
        {
            Assert.Equal(TestData.Random(size, size), await TestData.ReadAllAsync(await target.Store.GetObjectAsync($"o/{size}.bin")));
            Assert.Equal(TestData.Random(size, size), await TestData.ReadAllAsync(await target.Direct.GetObjectAsync($"o/{size}.bin")));
        }

        Assert.Equal(sizes.Length, (await target.Store.ListKeysAsync("o/").ToListAsync()).Count);
        Assert.Equal(0, target.Proxy.Counters.Injected);
        Assert.True(target.Proxy.Counters.Requests >= 2 * sizes.Length + 4, target.Proxy.Counters.ToString());
    }

    [Fact]
    public async Task A_slow_down_answer_is_the_S3_error_SlowDown_with_status_503()
    {
        await using var target = ProxiedStore.Create(server, FaultPlan.Next(1, Fault.SlowDown), maxAttempts: 1);

        var ex = await Assert.ThrowsAsync<AmazonS3Exception>(() => target.Store.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = target.Store.ResolveKey("a"), ContentBody = "x", UseChunkEncoding = false }));

        Assert.Equal(("SlowDown", System.Net.HttpStatusCode.ServiceUnavailable), (ex.ErrorCode, ex.StatusCode));
        Assert.Equal(1, target.Proxy.Counters.SlowDowns);
        Assert.False(await target.Direct.ExistsAsync("a"));
    }

    [Fact]
    public async Task A_request_cut_mid_body_never_reaches_the_server_whole()
    {
        // Every PUT is cut: the SDK resends a reset request (even with retries off, as a stale
        // connection), and each attempt is cut in turn.
        await using var target = ProxiedStore.Create(server, FaultPlan.Always(Fault.CutRequest(1000)).Where(r => r.Method == "PUT"), maxAttempts: 1);

        var ex = await Record.ExceptionAsync(() => target.Store.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = target.Store.ResolveKey("a"), InputStream = new MemoryStream(TestData.Random(4000, 1)), UseChunkEncoding = false }));

        Assert.NotNull(ex);
        Assert.True(target.Proxy.Counters.Count("PUT", FaultKind.CutRequest) >= 1, target.Proxy.Counters.ToString());
        Assert.Equal(target.Proxy.Counters.Requests, target.Proxy.Counters.RequestCuts);
        Assert.False(await target.Direct.ExistsAsync("a"));
    }

    [Fact]
    public async Task A_response_cut_mid_body_ends_the_read_after_the_bytes_let_through()
    {
        await using var target = ProxiedStore.Create(server);
        await target.Direct.PutObjectAsync("a", TestData.Random(10_000, 1));
        target.Proxy.Plan = FaultPlan.Next(1, Fault.CutResponse(3000));

        using var response = await target.Store.Client.GetObjectAsync(server.Bucket, target.Store.ResolveKey("a"));
        var buffer = new byte[10_000];
        var read = 0;
        var ex = await Record.ExceptionAsync(async () =>
        {
            int n;
            while ((n = await response.ResponseStream.ReadAsync(buffer.AsMemory(read))) > 0)
            {
                read += n;
            }
        });

        Assert.IsAssignableFrom<IOException>(ex);
        Assert.Equal(3000, read);
        Assert.Equal(TestData.Random(10_000, 1).AsSpan(0, 3000).ToArray(), buffer.AsSpan(0, 3000).ToArray());
        Assert.Equal(1, target.Proxy.Counters.Count("GET", FaultKind.CutResponse));
    }

    [Fact]
    public void Plans_count_only_the_requests_they_are_restricted_to_and_random_plans_repeat_with_their_seed()
    {
        ProxiedRequest Request(long i, string method) => new(i, method, "/b/k", null, []);
        var everyThirdPut = FaultPlan.EveryNth(3, Fault.SlowDown).Where(r => r.Method == "PUT");
        var decisions = Enumerable.Range(0, 12).Select(i => everyThirdPut.Decide(Request(i, i % 2 == 0 ? "PUT" : "GET")) is not null).ToList();
        Assert.Equal([4, 10], decisions.Select((hit, i) => (hit, i)).Where(d => d.hit).Select(d => d.i));

        var first = FaultPlan.WithProbability(0.3, 7, Fault.SlowDown, Fault.CutResponse());
        var second = FaultPlan.WithProbability(0.3, 7, Fault.SlowDown, Fault.CutResponse());
        var a = Enumerable.Range(0, 200).Select(i => first.Decide(Request(i, "GET"))?.Kind).ToList();
        var b = Enumerable.Range(0, 200).Select(i => second.Decide(Request(i, "GET"))?.Kind).ToList();
        Assert.Equal(a, b);
        Assert.InRange(a.Count(k => k is not null), 40, 80);

        var next = FaultPlan.Next(2, Fault.SlowDown);
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(i => next.Decide(Request(i, "GET")) is not null));
    }
}
