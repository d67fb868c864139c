using System.Text.RegularExpressions;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class DeletionTests(S3ServerFixture server)
{
    private const string Manifest = "training/123/samples/manifest.jsonl";

    [Fact]
    public async Task Delete_key_removes_one_object_and_a_missing_key_is_fine()
    {
        var store = server.CreateStore();
        await store.PutObjectAsync("a.bin", new byte[] { 1 });
        await store.PutObjectAsync("b.bin", new byte[] { 1 });
        await store.DeleteKeyAsync("a.bin");
        await store.DeleteKeyAsync("never-was.bin");
        Assert.Equal([store.ResolveKey("b.bin")], await store.ListKeysAsync("").ToListAsync());
    }

    [Fact]
    public async Task Delete_prefix_deletes_what_the_regex_matches_under_the_prefix_only()
    {
        var store = server.CreateStore();
        foreach (var key in new[] { "training/123/samples/a.wav", "training/123/samples/b.wav", "training/123/samples/c.txt", "training/1234/d.wav" })
        {
            await store.PutObjectAsync(key, new byte[] { 1 });
        }

        var count = await store.DeletePrefixAsync("training/123/", new Regex(@".*\.wav$"));

        Assert.Equal(2, count);
        var left = await store.ListKeysAsync("").ToListAsync();
        Assert.Equal([store.ResolveKey("training/123/samples/c.txt"), store.ResolveKey("training/1234/d.wav")], left.Order());
        Assert.Equal(2, await store.DeletePrefixAsync("training/"));
        Assert.Empty(await store.ListKeysAsync("").ToListAsync());
    }

    [Fact]
    public async Task Listing_and_deleting_by_prefix_page_past_two_thousand()
    {
        // Three delete batches: the first two overlap the listing of the next page.
        var store = server.CreateStore();
        var keys = Enumerable.Range(0, 2005).Select(i => store.ResolveKey($"many/{i:0000}")).ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, token) =>
            await server.Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = server.Bucket, Key = key, ContentBody = "x" }, token));

        Assert.Equal(keys, await store.ListKeysAsync("many/").ToListAsync());
        Assert.Equal(2005, await store.DeletePrefixAsync("many/"));
        Assert.Empty(await store.ListKeysAsync("many/").ToListAsync());
    }

    [Fact]
    public async Task Delete_manifest_removes_objects_archives_the_root_and_every_part()
    {
        var store = server.CreateStore();
        var loose = await store.PutObjectAsync("training/123/samples/loose.wav", new byte[] { 1 });
        var other = await store.PutObjectAsync("training/123/samples/other.wav", new byte[] { 2 });
        await store.PutItemsAsShardsAsync(Manifest, Enumerable.Range(0, 6).Select(i => ShardItem.FromBytes($"{i}.wav", new byte[] { (byte)i })), new ShardingOptions { MaxEntries = 3 });
        await store.WriteManifestAsync(Manifest, [loose, other], ManifestWriteMode.AppendParts);
        await store.WriteManifestAsync(Manifest, [loose], ManifestWriteMode.AppendParts);
        await store.PutObjectAsync("training/123/samples/unrelated.wav", new byte[] { 3 });

        var report = await store.DeleteManifestAsync(Manifest);

        Assert.Equal((2, 2, 4), (report.DeletedObjectCount, report.DeletedArchiveCount, report.DeletedManifestCount));
        Assert.Empty(report.Errors);
        Assert.Equal([store.ResolveKey("training/123/samples/unrelated.wav")], await store.ListKeysAsync("").ToListAsync());
    }

    [Fact]
    public async Task Without_dedupe_each_entry_counts_and_manifests_can_be_kept()
    {
        var store = server.CreateStore();
        var loose = await store.PutObjectAsync("x.wav", new byte[] { 1 });
        await store.WriteManifestAsync(Manifest, [loose, loose]);

        var report = await store.DeleteManifestAsync(Manifest, deleteManifests: false, dedupe: false);

        Assert.Equal((2, 0), (report.DeletedObjectCount, report.DeletedManifestCount));
        Assert.False(await store.ExistsAsync("x.wav"));
        Assert.True(await store.ExistsAsync(Manifest));
    }

    [Fact]
    public async Task Deleting_a_missing_manifest_deletes_nothing()
    {
        var store = server.CreateStore();
        await store.PutObjectAsync("keep.wav", new byte[] { 1 });
        await Assert.ThrowsAsync<ManifestNotFoundException>(() => store.DeleteManifestAsync("none.jsonl"));
        Assert.True(await store.ExistsAsync("keep.wav"));
    }
}
