using Amazon.S3.Model;
using S3Exchange.Testing;
using S3Exchange.Tests.Faults;

namespace S3Exchange.Tests.Store;

/// <summary>
/// What README and docs/*.md say operations cost in requests, counted where the server sees
/// them: the store talks through a pass-through <see cref="FaultProxy"/>, which records every
/// request (method, path, query, headers) outside the library and the SDK, retries included.
/// Setup goes through <see cref="ProxiedStore.Direct"/>, so only the operation is counted.
/// </summary>
[Collection("S3")]
public sealed class ServerRequestCountTests(S3ServerFixture server)
{
    private const int MiB = 1024 * 1024;

    // README "Shards", Random access: "reading one virtual key is one ranged GET once the
    // archive's index is known"; ObjectOpener: "one ranged GET when the entry records the
    // member's offset in a plain tar archive".
    [Fact]
    public async Task Reading_a_plain_tar_member_whose_entry_records_its_offset_is_one_ranged_GET_of_the_archive()
    {
        await using var target = ProxiedStore.Create(server);
        var shard = await target.Direct.PutShardArchiveAsync("s/shard.tar", Members("m", 20), ShardCompression.None);
        var member = shard.Members[7];
        Assert.NotNull(member.DataOffset);

        var content = await TestData.ReadAllAsync(await target.Store.OpenAsync(member));

        Assert.Equal(Content(7), content);
        var request = Assert.Single(All(target));
        Assert.Equal(("GET", PathOf(target, shard.Entry.ArchiveKey)), (request.Method, request.Path));
        Assert.Equal(RangeOf(member), request.Header("Range"));
    }

    // README "Shards": "the index is read once with a ranged GET of the archive's head and
    // cached", then each virtual key is one ranged GET.
    [Fact]
    public async Task A_plain_tar_index_is_read_once_with_one_ranged_GET_of_the_archive_head_then_each_virtual_key_is_one_ranged_GET()
    {
        await using var target = ProxiedStore.Create(server);
        var shard = await target.Direct.PutShardArchiveAsync("s/shard.tar", Members("m", 20), ShardCompression.None);
        int[] reads = [3, 19, 3, 11];

        foreach (var i in reads)
        {
            Assert.Equal(Content(i), await TestData.ReadAllAsync(await target.Store.GetObjectAsync($"s/shard.tar#m{i:00}.bin")));
        }

        var requests = All(target);
        Assert.All(requests, r => Assert.Equal(("GET", PathOf(target, shard.Entry.ArchiveKey)), (r.Method, r.Path)));
        Assert.Equal(1 + reads.Length, requests.Count);
        Assert.StartsWith("bytes=0-", requests[0].Header("Range"), StringComparison.Ordinal);
        Assert.Equal(reads.Select(i => RangeOf(shard.Members[i])), requests.Skip(1).Select(r => r.Header("Range")));
    }

    // README "Shards" (plain tar: the index by a ranged GET of the head) and docs/transfer.md,
    // Fetch step 1: "a plain tar's index by ranged GET of its head, a compressed one streamed to
    // the end of its first member" — one GET either way.
    [Fact]
    public async Task Listing_shard_members_is_one_ranged_GET_of_a_plain_tar_head_and_one_GET_of_a_gzip_archive()
    {
        await using var target = ProxiedStore.Create(server);
        var plain = await target.Direct.PutShardArchiveAsync("s/plain.tar", Members("p", 5), ShardCompression.None);
        var gzip = await target.Direct.PutShardArchiveAsync("s/packed.tar.gz", Members("g", 5), ShardCompression.Gzip);
        await target.Direct.WriteManifestAsync("s/manifest.jsonl", [plain.Entry, gzip.Entry]);

        var files = await target.Store.ListManifestFilesAsync("s/manifest.jsonl").ToListAsync();

        Assert.Equal(plain.Members.Concat(gzip.Members).Select(m => m.Key), files.Select(f => f.Key));
        var plainGet = Assert.Single(All(target), r => r.Path == PathOf(target, plain.Entry.ArchiveKey));
        Assert.Equal("GET", plainGet.Method);
        Assert.StartsWith("bytes=0-", plainGet.Header("Range"), StringComparison.Ordinal);
        var gzipGet = Assert.Single(All(target), r => r.Path == PathOf(target, gzip.Entry.ArchiveKey));
        Assert.Equal("GET", gzipGet.Method);
        Assert.Null(gzipGet.Header("Range"));
        Assert.Equal(3, target.Proxy.Counters.Requests);   // and the manifest's GET
    }

    // README "Python → C#": DeletePrefixAsync "(batched by 1,000)"; docs/performance.md:
    // "deletes a batch of 1,000 while the next page is listed". 1,000 keys in one DeleteObjects
    // and 1,001 in two pin the batch at exactly 1,000.
    [Theory]
    [InlineData(1000, 1)]
    [InlineData(1001, 2)]
    public async Task Delete_prefix_sends_one_DeleteObjects_request_per_1000_keys(int keys, int batches)
    {
        await using var target = ProxiedStore.Create(server);
        var fullKeys = Enumerable.Range(0, keys).Select(i => target.Direct.ResolveKey($"many/{i:0000}")).ToList();
        await Parallel.ForEachAsync(fullKeys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, token) =>
            await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = key, ContentBody = string.Empty }, token));

        Assert.Equal(keys, await target.Store.DeletePrefixAsync("many/"));

        var posts = target.Proxy.Counters.RequestsWhere(r => r.Method == "POST");
        Assert.Equal(batches, posts.Count);
        Assert.All(posts, p => Assert.Equal(($"/{server.Bucket}/", true), (p.Path, p.HasQuery("delete"))));
        Assert.Equal(0, target.Proxy.Counters.RequestsUnder("DELETE", "/"));
        Assert.Empty(await target.Direct.ListKeysAsync("many/").ToListAsync());
    }

    // docs/performance.md: a fetch reads "two GETs per shard (its member list, then its
    // content)"; docs/transfer.md, Fetch step 3: "a plain-tar member listed alone is a unit of
    // its own (one ranged GET)".
    [Fact]
    public async Task Fetching_reads_each_shard_with_two_GETs_and_a_plain_tar_member_listed_alone_with_one_ranged_GET()
    {
        await using var target = ProxiedStore.Create(server);
        var plain = await target.Direct.PutShardArchiveAsync("s/plain.tar", Members("p", 5), ShardCompression.None);
        var gzip = await target.Direct.PutShardArchiveAsync("s/packed.tar.gz", Members("g", 5), ShardCompression.Gzip);
        var alone = await target.Direct.PutShardArchiveAsync("s/alone.tar", Members("a", 5), ShardCompression.None);
        await target.Direct.WriteManifestAsync("s/manifest.jsonl", [plain.Entry, gzip.Entry, alone.Members[1], alone.Members[3]]);
        using var folder = new TempFolder();

        var report = await target.Store.FetchAsync("s/manifest.jsonl", folder.Root);

        Assert.Equal(12, report.Files.Count);
        Assert.Equal(Content(3), await File.ReadAllBytesAsync(Path.Combine(folder.Root, "a03.bin")));
        var plainGets = GetsOf(target, plain.Entry.ArchiveKey);
        Assert.Equal(2, plainGets.Count);
        Assert.StartsWith("bytes=0-", plainGets[0], StringComparison.Ordinal);   // the index
        Assert.Null(plainGets[1]);                                                // the members, in one pass
        Assert.Equal(new string?[] { null, null }, GetsOf(target, gzip.Entry.ArchiveKey));
        Assert.Equal(new[] { RangeOf(alone.Members[1]), RangeOf(alone.Members[3]) }.Order(), GetsOf(target, alone.Entry.ArchiveKey).Order());
        Assert.Equal(7, target.Proxy.Counters.Requests);   // and the manifest's GET
    }

    // docs/transfer.md: VerifyAsync "changes nothing: one HEAD per stored object (size checked)".
    [Fact]
    public async Task Verifying_a_manifest_sends_one_HEAD_per_stored_object_and_writes_nothing()
    {
        await using var target = ProxiedStore.Create(server);
        using var folder = new TempFolder();
        for (var i = 0; i < 4; i++)
        {
            folder.Write($"lib/f{i}.dll", 1000 + i, i);
        }

        folder.Write("big.bin", 5000, 9);
        var published = await target.Direct.PublishAsync(folder.Request() with { ShardMaxEntries = 2, LooseFileThreshold = 4000 });
        string[] stored = [.. published.Plan.Shards.Select(s => s.Key), .. published.Plan.LooseFiles.Select(l => l.Key)];
        Assert.True(published.Plan.Shards.Count >= 2 && published.Plan.LooseFiles.Count == 1, $"{stored.Length} objects");

        var report = await target.Store.VerifyAsync(published.Plan.ManifestKey);

        Assert.True(report.Matches, string.Join("; ", report.Problems));
        Assert.All(stored, key => Assert.Equal(1, target.Proxy.Counters.RequestsTo("HEAD", PathOf(target, target.Store.ResolveKey(key)))));
        Assert.Equal(stored.Length, target.Proxy.Counters.RequestsUnder("HEAD", "/"));
        Assert.Empty(target.Proxy.Counters.RequestsWhere(r => r.Method is "PUT" or "POST" or "DELETE"));
    }

    // docs/msbuild.md: the publish "sends a shard whose archive fits in 64 MiB as one PutObject
    // ... and a loose file up to 64 MiB as one PutObject read straight from disk", even above
    // the part size, where a streamed upload would go in parts.
    [Fact]
    public async Task A_published_shard_and_loose_file_larger_than_a_part_but_within_64_MiB_are_each_one_PutObject()
    {
        await using var target = ProxiedStore.Create(server, options: new S3ExchangeStoreOptions { PartSizeBytes = 5 * MiB });
        using var folder = new TempFolder();
        folder.Write("lib/a.dll", 3 * MiB, 1);
        folder.Write("lib/b.dll", 3 * MiB, 2);
        folder.Write("big.bin", 6 * MiB, 3);

        var report = await target.Store.PublishAsync(folder.Request() with { LooseFileThreshold = 4 * MiB, Compression = ShardCompression.None });

        var shardKey = target.Store.ResolveKey(Assert.Single(report.Plan.Shards).Key);
        var looseKey = target.Store.ResolveKey(Assert.Single(report.Plan.LooseFiles).Key);
        Assert.True((await target.Direct.GetMetadataAsync(Assert.Single(report.Plan.Shards).Key)).SizeBytes > 5 * MiB);
        Assert.Equal(1, target.Proxy.Counters.RequestsTo("PUT", PathOf(target, shardKey)));
        Assert.Equal(1, target.Proxy.Counters.RequestsTo("PUT", PathOf(target, looseKey)));
        Assert.Empty(target.Proxy.Counters.RequestsWhere(r => r.Method == "POST" || r.HasQuery("partNumber")));   // no multipart upload begun
    }

    private static IReadOnlyList<ProxiedRequest> All(ProxiedStore target) => target.Proxy.Counters.RequestsWhere(_ => true);

    // The Range header of each GET of an archive, in the order they arrived.
    private static List<string?> GetsOf(ProxiedStore target, string archiveKey) =>
        target.Proxy.Counters.RequestsWhere(r => r.Method == "GET" && r.Path == PathOf(target, archiveKey)).Select(r => r.Header("Range")).ToList();

    private static string PathOf(ProxiedStore target, string fullKey) => $"/{target.Store.Bucket}/{fullKey}";

    private static string RangeOf(FileEntry member) => $"bytes={member.DataOffset}-{member.DataOffset + member.SizeBytes - 1}";

    private static IEnumerable<ShardItem> Members(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => ShardItem.FromBytes($"{prefix}{i:00}.bin", Content(i)));

    private static byte[] Content(int i) => TestData.Random(700 + i, i);
}
