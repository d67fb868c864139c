using System.Text.Json.Nodes;
using S3Exchange.Testing;
using S3Exchange.Tests.Faults;

namespace S3Exchange.Tests.Transfer;

/// <summary>The runtime's fetch engine against a real server: verified, parallel, nothing half-written.</summary>
/// <remarks>Unix modes are part of what is fetched; these tests run on Linux and macOS.</remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection("S3")]
public sealed class FetchTests(S3ServerFixture server)
{
    [Fact]
    public async Task A_published_folder_fetches_to_identical_bytes_and_modes_every_file_verified()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("App", 300, 1, (UnixFileMode)0b111_101_101);
        source.Write("lib/a.dll", 4000, 2);
        source.Write("runtimes/native/big.so", 60_000, 3);
        var published = await store.PublishAsync(source.Request() with { LooseFileThreshold = 50_000 });
        using var target = new TempFolder();
        var progress = new List<TransferProgress>();

        var report = await store.FetchAsync(published.Plan.ManifestKey, target.Root, progress: new Recorder(progress));

        Assert.Equal(source.AllFiles(), target.AllFiles());
        foreach (var relative in source.AllFiles())
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(source.Root, relative)), File.ReadAllBytes(Path.Combine(target.Root, relative)));
            Assert.Equal(File.GetUnixFileMode(Path.Combine(source.Root, relative)), File.GetUnixFileMode(Path.Combine(target.Root, relative)));
        }

        Assert.Equal(3, report.VerifiedFiles);
        Assert.Equal(["App", "lib/a.dll", "runtimes/native/big.so"], report.Files.Select(f => f.RelativePath).Order(StringComparer.Ordinal));
        Assert.Equal(3, progress.Count(p => p.Step == TransferStep.FileWritten));
    }

    [Fact]
    public async Task A_stored_object_that_no_longer_matches_its_hash_is_refused_naming_its_key_and_no_file_is_left()
    {
        var store = server.CreateStore();
        var (manifestKey, looseKey, _) = await PublishThenTamperAsync(store);
        using var target = new TempFolder();

        var ex = await Assert.ThrowsAsync<ContentMismatchException>(() => store.FetchAsync(manifestKey, target.Root));

        Assert.Equal(store.ResolveKey(looseKey), ex.Key);
        Assert.Equal("sha256", ex.Property);
        Assert.Empty(target.AllFiles());
    }

    [Fact]
    public async Task Without_verification_the_same_object_is_written_as_stored()
    {
        var store = server.CreateStore();
        var (manifestKey, _, tampered) = await PublishThenTamperAsync(store);
        using var target = new TempFolder();

        var report = await store.FetchAsync(manifestKey, target.Root, new FetchOptions { VerifyContent = false });

        Assert.Equal(0, report.VerifiedFiles);
        Assert.Equal(tampered, File.ReadAllBytes(Path.Combine(target.Root, "big.bin")));
    }

    [Fact]
    public async Task Two_entries_that_would_write_one_path_are_refused_before_anything_is_written()
    {
        var store = server.CreateStore();
        var first = await store.PutObjectAsync("objects/one", new byte[] { 1 });
        first.Meta = new JsonObject { ["path"] = "same.txt" };
        var second = await store.PutObjectAsync("objects/two", new byte[] { 2 });
        second.Meta = new JsonObject { ["path"] = "same.txt" };
        var other = await store.PutObjectAsync("objects/three", new byte[] { 3 });
        await store.WriteManifestAsync("dup/manifest.jsonl", [other, first, second]);
        using var target = new TempFolder();

        var ex = await Assert.ThrowsAsync<InvalidMemberPathException>(() => store.FetchAsync("dup/manifest.jsonl", target.Root));

        Assert.Equal(second.Key, ex.Key);
        Assert.Contains(first.Key, ex.Message);
        Assert.Empty(target.AllFiles());
    }

    [Fact]
    public async Task Shards_are_read_in_parallel_up_to_the_store_concurrency()
    {
        await using var proxied = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { MaxConcurrency = 4 });
        using var source = new TempFolder();
        for (var i = 0; i < 24; i++)
        {
            source.Write($"f{i:00}.bin", 1000, i);
        }

        // Plain tar: the listing reads each index with a ranged GET, the fetch each archive with a
        // whole one, so only the fetch's reads are held (a held listing read that the client has
        // already given up would still count).
        var published = await proxied.Store.PublishAsync(source.Request() with { ShardMaxEntries = 2, Compression = ShardCompression.None });
        Assert.True(published.Plan.Shards.Count >= 8, $"expected at least 8 shards, got {published.Plan.Shards.Count}");
        using var target = new TempFolder();
        proxied.Proxy.Plan = FaultPlan.Always(Fault.Delay(TimeSpan.FromMilliseconds(150))).Where(r => r.Method == "GET" && r.Path.Contains("/shards/", StringComparison.Ordinal) && r.Header("Range") is null);

        await proxied.Store.FetchAsync(published.Plan.ManifestKey, target.Root);

        Assert.Equal(source.AllFiles(), target.AllFiles());
        Assert.InRange(proxied.Proxy.Counters.PeakDelayed, 2, 4);
    }

    [Fact]
    public async Task The_fetch_reports_the_sha256_of_the_manifest_the_publish_wrote()
    {
        var store = server.CreateStore();
        using var source = new TempFolder();
        source.Write("a.txt", 500, 1);
        source.Write("big.bin", 30_000, 2);
        var published = await store.PublishAsync(source.Request() with { LooseFileThreshold = 20_000 });
        using var target = new TempFolder();

        var report = await store.FetchAsync(published.Plan.ManifestKey, target.Root);

        Assert.Equal(published.ManifestSha256, report.ManifestSha256);
        Assert.Equal(await StoredContent.Sha256Async(store, published.Plan.ManifestKey), report.ManifestSha256);
    }

    // The two ways a root with a reference is read past it: its short rest kept in memory, or
    // its long rest held open while the part is read. Either way the digest is of the whole root.
    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public async Task The_manifest_sha256_covers_the_whole_root_when_it_references_a_part_before_other_entries(int entriesAfterTheReference)
    {
        var store = server.CreateStore();
        var part = await store.PutObjectAsync("parts/in-part.txt", "in the part"u8.ToArray());
        await store.WriteManifestAsync("parts/part.jsonl", [part]);
        var after = new List<ManifestEntry>();
        for (var i = 0; i < entriesAfterTheReference; i++)
        {
            after.Add(await store.PutObjectAsync($"parts/after-{i:00}.txt", new byte[] { (byte)i }));
        }

        await store.WriteManifestAsync("parts/manifest.jsonl", [new ManifestRefEntry(store.ResolveKey("parts/part.jsonl")), .. after]);
        using var target = new TempFolder();

        var report = await store.FetchAsync("parts/manifest.jsonl", target.Root);

        Assert.Equal(entriesAfterTheReference + 1, report.Files.Count);
        Assert.Equal(await StoredContent.Sha256Async(store, "parts/manifest.jsonl"), report.ManifestSha256);
    }

    // One loose file published, then its stored object replaced by other bytes of the same size.
    private static async Task<(string ManifestKey, string LooseKey, byte[] Tampered)> PublishThenTamperAsync(S3ExchangeStore store)
    {
        using var source = new TempFolder();
        var path = source.Write("big.bin", 20_000, 1);
        var published = await store.PublishAsync(source.Request() with { LooseFileThreshold = 10_000 });
        var loose = Assert.Single(published.Plan.LooseFiles);
        var tampered = File.ReadAllBytes(path);
        tampered[100] ^= 0xff;
        await store.PutObjectAsync(loose.Key, tampered);
        return (published.Plan.ManifestKey, loose.Key, tampered);
    }

    private sealed class Recorder(List<TransferProgress> steps) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            lock (steps)
            {
                steps.Add(value);
            }
        }
    }
}
