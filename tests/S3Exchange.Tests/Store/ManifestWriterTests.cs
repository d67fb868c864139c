using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class ManifestWriterTests(S3ServerFixture server)
{
    private const string Manifest = "runs/7/manifest.jsonl";

    [Fact]
    public async Task Parts_are_published_when_the_entry_limit_is_reached()
    {
        var store = server.CreateStore();
        await using var writer = store.CreateManifestWriter(Manifest, new ManifestWriterOptions { PartMaxEntries = 3 });
        for (var i = 0; i < 7; i++)
        {
            await writer.AddAsync(new FileEntry($"k{i}"));
            if (i == 2)
            {
                Assert.Equal(1, writer.PublishedParts);
            }
        }

        await writer.CompleteAsync();

        Assert.Equal((3, 7L), (writer.PublishedParts, writer.PublishedEntries));
        Assert.Equal(3, (await store.ReadManifestEntriesAsync(Manifest, resolveRefs: false).ToListAsync()).Count);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"k{i}"), (await store.ReadManifestEntriesAsync(Manifest).ToListAsync()).Cast<FileEntry>().Select(f => f.Key));
    }

    [Fact]
    public async Task Parts_are_published_when_the_byte_limit_is_reached()
    {
        var store = server.CreateStore();
        await using var writer = store.CreateManifestWriter(Manifest, new ManifestWriterOptions { PartMaxBytes = 100 });
        await writer.AddAsync(new FileEntry(new string('a', 60)));
        Assert.Equal(0, writer.PublishedParts);
        await writer.AddAsync(new FileEntry(new string('b', 60)));
        Assert.Equal(1, writer.PublishedParts);
        await writer.CompleteAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.AddAsync(new FileEntry("late")));
    }

    [Fact]
    public async Task Items_are_cut_into_shards_by_the_shard_policy()
    {
        var store = server.CreateStore();
        await using var writer = store.CreateManifestWriter(Manifest, new ManifestWriterOptions { ShardMaxEntries = 2, ShardCompression = ShardCompression.None });
        await writer.PutObjectAsync("runs/7/loose.bin", new byte[] { 1 });
        for (var i = 0; i < 5; i++)
        {
            await writer.AddToShardAsync(ShardItem.FromBytes($"{i}.bin", new byte[] { (byte)i }));
        }

        await writer.CompleteAsync();

        var entries = await store.ReadManifestEntriesAsync(Manifest).ToListAsync();
        Assert.Equal([ManifestEntryKind.File, ManifestEntryKind.Shard, ManifestEntryKind.Shard, ManifestEntryKind.Shard], entries.Select(e => e.Kind));
        Assert.Equal([2, 2, 1], entries.OfType<ShardEntry>().Select(s => s.Count!.Value));
        Assert.Equal(6, (await store.ListManifestFilesAsync(Manifest).ToListAsync()).Count);
    }

    [Fact]
    public async Task A_byte_limited_shard_never_grows_past_its_limit()
    {
        var store = server.CreateStore();
        await using var writer = store.CreateManifestWriter(Manifest, new ManifestWriterOptions { ShardMaxBytes = 10 });
        foreach (var size in new[] { 4, 4, 4, 20, 1 })
        {
            await writer.AddToShardAsync(ShardItem.FromBytes($"{Guid.NewGuid():N}.bin", new byte[size]));
        }

        await writer.CompleteAsync();
        var counts = (await store.ReadManifestEntriesAsync(Manifest).ToListAsync()).OfType<ShardEntry>().Select(s => s.Count!.Value);
        Assert.Equal([2, 1, 1, 1], counts);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 2)]
    public async Task Disposing_without_completing_publishes_pending_entries_only_when_asked(bool publishOnError, int expected)
    {
        var store = server.CreateStore();
        var writer = store.CreateManifestWriter(Manifest, new ManifestWriterOptions { PublishOnError = publishOnError });
        await writer.AddAsync(new FileEntry("a"));
        await writer.AddToShardAsync(ShardItem.FromBytes("m.bin", new byte[] { 1 }));
        await writer.DisposeAsync();

        var published = await store.ExistsAsync(Manifest) ? (await store.ReadManifestEntriesAsync(Manifest).ToListAsync()).Count : 0;
        Assert.Equal(expected, published);
        Assert.Equal(publishOnError, (await store.ListKeysAsync("runs/7/shards/").ToListAsync()).Count == 1);
    }

    [Fact]
    public void Zero_or_negative_limits_are_refused()
    {
        var store = server.CreateStore();
        Assert.Throws<ArgumentOutOfRangeException>(() => store.CreateManifestWriter(Manifest, new ManifestWriterOptions { PartMaxEntries = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.CreateManifestWriter(Manifest, new ManifestWriterOptions { ShardMaxBytes = -1 }));
    }
}
