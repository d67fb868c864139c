using S3Exchange.Testing;
using S3Exchange.Tests.Faults;

namespace S3Exchange.Tests.Transfer;

/// <summary>The runtime's publish engine against a real server, requests counted at a pass-through proxy.</summary>
[Collection("S3")]
public sealed class PublishEngineTests(S3ServerFixture server)
{
    [Fact]
    public async Task A_republish_of_unchanged_files_asks_one_HEAD_per_planned_object_and_uploads_nothing_but_the_manifest()
    {
        await using var proxied = ProxiedStore.Create(server);
        using var folder = new TempFolder();
        for (var i = 0; i < 40; i++)
        {
            folder.Write($"lib/f{i:00}.dll", 2000 + i, i);
        }

        folder.Write("big.bin", 70_000, 99);
        var request = folder.Request() with { ShardMaxEntries = 8, LooseFileThreshold = 50_000 };
        var first = await proxied.Store.PublishAsync(request);
        var objects = first.Plan.Shards.Count + first.Plan.LooseFiles.Count;
        Assert.True(first.Plan.Shards.Count > 2, $"expected several shards, got {first.Plan.Shards.Count}");
        var before = Snapshot(proxied.Proxy.Counters);

        var again = await proxied.Store.PublishAsync(request);

        var after = Snapshot(proxied.Proxy.Counters);
        Assert.True(again.UploadedNothing);
        Assert.Equal(objects, after.Heads - before.Heads);
        Assert.Equal(1, after.Puts - before.Puts);          // the manifest, nothing else
        Assert.Equal(0, after.Gets - before.Gets);          // its SHA-256 is of the bytes sent, not read back
        Assert.Equal(first.ManifestSha256, again.ManifestSha256);
        using var stored = new MemoryStream();
        await (await proxied.Direct.GetObjectAsync(request.ManifestKey)).CopyToAsync(stored);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stored.ToArray())).ToLowerInvariant(), again.ManifestSha256);
    }

    [Fact]
    public async Task A_publish_lists_nothing_so_its_requests_do_not_grow_with_what_the_content_prefix_already_holds()
    {
        await using var proxied = ProxiedStore.Create(server);
        using var folder = new TempFolder();
        folder.Write("a.dll", 3000, 1);
        folder.Write("b.dll", 3000, 2);
        var request = folder.Request();
        await proxied.Store.PublishAsync(request);
        var quiet = await RequestsOfARepublishAsync(proxied, request);

        // Another 60 builds' worth of content under the same prefix.
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => proxied.Direct.PutObjectAsync($"builds/App/content/shards/other-{i:00}.tar.gz", new byte[10])));
        var crowded = await RequestsOfARepublishAsync(proxied, request);

        Assert.Equal(quiet, crowded);
        Assert.Equal(0, proxied.Proxy.Counters.RequestsTo("GET", $"/{proxied.Store.Bucket}"));   // ListObjectsV2 is GET on the bucket
    }

    [Fact]
    public async Task A_plan_sends_no_request()
    {
        using var folder = new TempFolder();
        folder.Write("a.dll", 100, 1);
        var unreachable = S3ExchangeStore.Create(server.Settings with { EndpointUrl = "http://127.0.0.1:9", MaxAttempts = 1 });

        var plan = await unreachable.PlanPublishAsync(folder.Request());

        Assert.Equal(1, plan.FileCount);
        Assert.StartsWith("builds/App/content/shards/", Assert.Single(plan.Shards).Key);
    }

    [Fact]
    public async Task A_file_that_vanished_after_listing_is_refused_naming_it_and_nothing_is_sent()
    {
        await using var proxied = ProxiedStore.Create(server);
        using var folder = new TempFolder();
        folder.Write("a.dll", 100, 1);
        var request = folder.Request() with { Files = [.. PublishSource.FromFolder(folder.Root), new PublishSource(Path.Combine(folder.Root, "gone.dll"), "gone.dll")] };

        var ex = await Assert.ThrowsAsync<InvalidPublishFileException>(() => proxied.Store.PublishAsync(request));

        Assert.Equal("gone.dll", ex.RelativePath);
        Assert.Equal(0, proxied.Proxy.Counters.Requests);
    }

    private static async Task<(int Heads, int Gets, int Puts)> RequestsOfARepublishAsync(ProxiedStore proxied, PublishRequest request)
    {
        var before = Snapshot(proxied.Proxy.Counters);
        await proxied.Store.PublishAsync(request);
        var after = Snapshot(proxied.Proxy.Counters);
        return (after.Heads - before.Heads, after.Gets - before.Gets, after.Puts - before.Puts);
    }

    private static (int Heads, int Gets, int Puts) Snapshot(FaultCounters counters) =>
        (counters.RequestsUnder("HEAD", "/"), counters.RequestsUnder("GET", "/"), counters.RequestsUnder("PUT", "/"));
}
