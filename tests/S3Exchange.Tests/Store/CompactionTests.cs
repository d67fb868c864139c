using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class CompactionTests(S3ServerFixture server)
{
    private const string Manifest = "training/123/samples/manifest.jsonl";
    private const string Compact = "training/123/samples/manifest-compact.jsonl";

    [Fact]
    public async Task Compaction_resolves_parts_and_drops_duplicates()
    {
        var store = server.CreateStore();
        await store.WriteManifestAsync(Manifest, [new FileEntry("a"), new FileEntry("b")]);
        await store.WriteManifestAsync(Manifest, [new FileEntry("b"), new FileEntry("c")], ManifestWriteMode.AppendParts);
        await store.WriteManifestAsync(Manifest, [new FileEntry("a")], ManifestWriteMode.AppendParts);

        var report = await store.CompactManifestAsync(Manifest, Compact);

        Assert.Equal(new CompactReport { TotalEntries = 3, RemovedEntries = 2, ResolvedRefs = 2, ExpandedShards = 0 }, report);
        var entries = await store.ReadManifestEntriesAsync(Compact, resolveRefs: false).ToListAsync();
        Assert.Equal(["a", "b", "c"], entries.Cast<FileEntry>().Select(f => f.Key));
    }

    [Fact]
    public async Task Compaction_without_resolving_keeps_references()
    {
        var store = server.CreateStore();
        await store.WriteManifestAsync(Manifest, [new FileEntry("a")], ManifestWriteMode.AppendParts);
        var report = await store.CompactManifestAsync(Manifest, Compact, new CompactOptions { ResolveRefs = false });
        Assert.Equal((1, 0), (report.TotalEntries, report.ResolvedRefs));
        Assert.IsType<ManifestRefEntry>(Assert.Single(await store.ReadManifestEntriesAsync(Compact, resolveRefs: false).ToListAsync()));
    }

    [Fact]
    public async Task Expanded_shards_become_member_entries_that_still_read()
    {
        var store = server.CreateStore();
        var plain = await store.PutShardArchiveAsync("s/a.tar", [ShardItem.FromBytes("1.bin", new byte[] { 1, 1 }), ShardItem.FromBytes("2.bin", new byte[] { 2, 2 })], ShardCompression.None);
        var gz = await store.PutShardArchiveAsync("s/b.tar.gz", [ShardItem.FromBytes("3.bin", new byte[] { 3, 3 })]);
        await store.PutShardedAsync(Manifest, [plain.Entry, gz.Entry]);

        var report = await store.CompactManifestAsync(Manifest, Manifest, new CompactOptions { ExpandShards = true });

        Assert.Equal((3, 2, 1), (report.TotalEntries, report.ExpandedShards, report.ResolvedRefs));
        var contents = new List<byte[]>();
        await foreach (var item in store.ReadObjectsAsync(Manifest))
        {
            contents.Add(await TestData.ReadAllAsync(item.Content));
        }

        Assert.Equal([[1, 1], [2, 2], [3, 3]], contents);
    }
}
