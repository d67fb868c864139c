using System.Security.Cryptography;
using S3Exchange.Testing;
using S3Exchange.Tests.Faults;

namespace S3Exchange.Tests.Transfer;

/// <summary>
/// The publish hash cache (<see cref="PublishRequest.HashCacheFile"/>). That a file was not read
/// is shown by its effect: a file whose content is replaced while its size and last-write time
/// are put back keeps its old SHA-256 in the plan, which only a hash that was not taken again can give.
/// </summary>
[Collection("S3")]
public sealed class PublishHashCacheTests(S3ServerFixture server) : IDisposable
{
    private static readonly DateTime AnHourAgo = DateTime.UtcNow.AddHours(-1);

    private readonly TempFolder cacheFolder = new();

    private string CacheFile => Path.Combine(cacheFolder.Root, "obj", "publish-hashes.json");

    [Fact]
    public async Task A_file_whose_size_and_time_are_unchanged_is_not_read_again_so_content_swapped_behind_them_keeps_the_old_hash()
    {
        using var folder = new TempFolder();
        var path = folder.Write("app.dll", 5000, 1);
        folder.Write("other.dll", 3000, 2);
        Age(folder);
        var store = server.CreateStore();
        var first = await store.PlanPublishAsync(Request(folder));

        SwapContentKeepingSizeAndTime(path, seed: 3);
        var second = await store.PlanPublishAsync(Request(folder));

        Assert.Equal(2, first.FilesHashed);
        Assert.Equal(0, second.FilesHashed);
        Assert.Equal(Sha256Of(second, "app.dll"), Sha256Of(first, "app.dll"));
        Assert.NotEqual(HashOnDisk(path), Sha256Of(second, "app.dll"));   // the cache was believed, the file not read
        Assert.Null(second.HashCacheProblem);
    }

    [Fact]
    public async Task A_file_rewritten_with_the_same_size_but_another_time_is_hashed_again()
    {
        using var folder = new TempFolder();
        var path = folder.Write("app.dll", 5000, 1);
        folder.Write("other.dll", 3000, 2);
        Age(folder);
        var store = server.CreateStore();
        await store.PlanPublishAsync(Request(folder));

        File.WriteAllBytes(path, Bytes(5000, seed: 3));
        File.SetLastWriteTimeUtc(path, AnHourAgo.AddSeconds(1));
        var second = await store.PlanPublishAsync(Request(folder));

        Assert.Equal(1, second.FilesHashed);
        Assert.Equal(HashOnDisk(path), Sha256Of(second, "app.dll"));
    }

    [Fact]
    public async Task A_file_that_grew_is_hashed_again_even_with_its_time_put_back()
    {
        using var folder = new TempFolder();
        var path = folder.Write("app.dll", 5000, 1);
        Age(folder);
        var store = server.CreateStore();
        await store.PlanPublishAsync(Request(folder));

        File.WriteAllBytes(path, Bytes(5001, seed: 3));
        File.SetLastWriteTimeUtc(path, AnHourAgo);
        var second = await store.PlanPublishAsync(Request(folder));

        Assert.Equal(1, second.FilesHashed);
        Assert.Equal(HashOnDisk(path), Sha256Of(second, "app.dll"));
        Assert.Equal(5001, second.Shards.Single().Files.Single().SizeBytes);
    }

    [Fact]
    public async Task A_file_written_within_the_racy_window_of_its_hash_is_not_trusted_so_a_change_in_the_same_clock_tick_is_seen()
    {
        using var folder = new TempFolder();
        var path = folder.Write("app.dll", 5000, 1);   // written just now: its time is as recent as the hash
        var store = server.CreateStore();
        var first = await store.PlanPublishAsync(Request(folder));

        // Changed again in the same tick of the file system's clock: same size, same time.
        SwapContentKeepingSizeAndTime(path, seed: 3);
        var second = await store.PlanPublishAsync(Request(folder));

        Assert.Equal(1, second.FilesHashed);
        Assert.Equal(HashOnDisk(path), Sha256Of(second, "app.dll"));
        Assert.NotEqual(Sha256Of(first, "app.dll"), Sha256Of(second, "app.dll"));

        // Hashed again long after its time, it is trusted from then on.
        File.SetLastWriteTimeUtc(path, AnHourAgo);
        await store.PlanPublishAsync(Request(folder));
        var fourth = await store.PlanPublishAsync(Request(folder));
        Assert.Equal(0, fourth.FilesHashed);
    }

    [Theory]
    [InlineData("not json at all {")]
    [InlineData("{\"format\":\"s3exchange-publish-hashes\",\"version\":99,\"files\":[]}")]
    [InlineData("{\"format\":\"something-else\",\"version\":1,\"files\":[]}")]
    [InlineData("{\"format\":\"s3exchange-publish-hashes\",\"version\":1,\"files\":[{\"path\":\"x\",\"size\":1,\"lastWriteTicks\":1,\"hashedAtTicks\":9,\"sha256\":\"not-a-hash\"}]}")]
    public async Task A_corrupt_or_foreign_cache_is_ignored_the_publish_is_right_and_the_cache_is_written_anew(string content)
    {
        await using var proxied = ProxiedStore.Create(server);
        using var folder = new TempFolder();
        var path = folder.Write("app.dll", 5000, 1);
        Age(folder);
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllText(CacheFile, content);

        var report = await proxied.Store.PublishAsync(Request(folder));

        Assert.Equal(1, report.Plan.FilesHashed);
        Assert.StartsWith($"The hash cache '{CacheFile}' was ignored (every file hashed): ", report.Plan.HashCacheProblem);
        var fetched = new TempFolder();
        using (fetched)
        {
            await proxied.Store.FetchAsync(report.Plan.ManifestKey, fetched.Root);   // verifies each file's SHA-256 against the manifest
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(fetched.Root, "app.dll")));
        }

        var next = await proxied.Store.PlanPublishAsync(Request(folder));
        Assert.Null(next.HashCacheProblem);
        Assert.Equal(0, next.FilesHashed);
    }

    [Fact]
    public async Task A_cache_that_cannot_be_written_is_reported_and_the_publish_still_stores_the_build()
    {
        await using var proxied = ProxiedStore.Create(server);
        using var folder = new TempFolder();
        folder.Write("app.dll", 5000, 1);
        var blocker = Path.Combine(cacheFolder.Root, "a-file");
        File.WriteAllText(blocker, "a file where the cache's folder would be");
        var cacheFile = Path.Combine(blocker, "publish-hashes.json");

        var report = await proxied.Store.PublishAsync(Request(folder) with { HashCacheFile = cacheFile });

        Assert.StartsWith($"The hash cache '{cacheFile}' could not be written (the next publish hashes every file again): ", report.Plan.HashCacheProblem);
        Assert.Equal(1, report.ShardsUploaded);
        Assert.True(await proxied.Direct.ExistsAsync(report.Plan.ManifestKey));
    }

    [Fact]
    public async Task The_cache_is_replaced_whole_holding_only_the_files_of_the_last_scan_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        folder.Write("kept.dll", 5000, 1);
        var gone = folder.Write("gone.dll", 3000, 2);
        Age(folder);
        var store = server.CreateStore();
        await store.PlanPublishAsync(Request(folder));
        File.Delete(gone);

        await store.PlanPublishAsync(Request(folder));

        var text = File.ReadAllText(CacheFile);
        Assert.Contains(Path.Combine(folder.Root, "kept.dll"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("gone.dll", text, StringComparison.Ordinal);
        Assert.Equal(["publish-hashes.json"], Directory.EnumerateFiles(Path.GetDirectoryName(CacheFile)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_republish_of_unchanged_files_with_the_cache_reads_none_of_them_and_PUTs_only_the_manifest()
    {
        await using var proxied = ProxiedStore.Create(server);
        using var folder = new TempFolder();
        for (var i = 0; i < 300; i++)
        {
            folder.Write($"lib/{i % 10}/f{i:000}.dll", 1000 + i, i);
        }

        Age(folder);
        var request = Request(folder) with { ShardMaxEntries = 50 };
        var first = await proxied.Store.PublishAsync(request);
        var putsBefore = proxied.Proxy.Counters.RequestsUnder("PUT", "/");
        var manifestPutsBefore = proxied.Proxy.Counters.RequestsTo("PUT", ManifestPath(proxied, request));

        var again = await proxied.Store.PublishAsync(request);

        Assert.Equal(300, first.Plan.FilesHashed);
        Assert.Equal(0, again.Plan.FilesHashed);
        Assert.True(again.UploadedNothing);
        Assert.Equal(1, proxied.Proxy.Counters.RequestsUnder("PUT", "/") - putsBefore);
        Assert.Equal(1, proxied.Proxy.Counters.RequestsTo("PUT", ManifestPath(proxied, request)) - manifestPutsBefore);
        Assert.Equal(first.ManifestSha256, again.ManifestSha256);
    }

    public void Dispose() => cacheFolder.Dispose();

    private PublishRequest Request(TempFolder folder) => folder.Request() with { HashCacheFile = CacheFile };

    // Written an hour ago as far as the file system knows: older than any hash taken now by more than the racy window.
    private static void Age(TempFolder folder)
    {
        foreach (var file in folder.AllFiles())
        {
            File.SetLastWriteTimeUtc(Path.Combine(folder.Root, file), AnHourAgo);
        }
    }

    private static string ManifestPath(ProxiedStore proxied, PublishRequest request) => $"/{proxied.Store.Bucket}/{proxied.Store.ResolveKey(request.ManifestKey)}";

    private static void SwapContentKeepingSizeAndTime(string path, int seed)
    {
        var info = new FileInfo(path);
        var (size, time) = (info.Length, info.LastWriteTimeUtc);
        File.WriteAllBytes(path, Bytes((int)size, seed));
        File.SetLastWriteTimeUtc(path, time);
    }

    private static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Sha256Of(PublishPlan plan, string relativePath) =>
        plan.Shards.SelectMany(s => s.Files).Single(f => f.RelativePath == relativePath).Sha256;

    private static string HashOnDisk(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
