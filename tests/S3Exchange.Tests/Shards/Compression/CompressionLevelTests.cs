using System.Text;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Shards.Compression;

/// <summary>
/// README "Configuration": <c>ShardCompressionLevel</c> is zlib's 0–9 (default 2), per call in
/// <c>ShardingOptions.CompressionLevel</c>, <c>PublishRequest.CompressionLevel</c> and
/// <c>PutShardArchiveAsync</c>; "part of each shard's key, so another level uploads every shard
/// once". Archives at every level are written to the server and read back whole.
/// </summary>
[Collection("S3")]
public sealed class CompressionLevelTests(S3ServerFixture server)
{
    [Fact]
    public void The_default_level_is_2()
    {
        Assert.Equal(2, new S3ExchangeStoreOptions().ShardCompressionLevel);
        Assert.Equal(2, S3ExchangeStoreOptions.DefaultShardCompressionLevel);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    public void A_store_level_outside_0_to_9_is_refused_naming_the_option(int level)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => server.CreateStore(new S3ExchangeStoreOptions { ShardCompressionLevel = level }));

        Assert.Equal(nameof(S3ExchangeStoreOptions.ShardCompressionLevel), ex.ParamName);
        Assert.Contains($"not {level}", ex.Message);
    }

    [Fact]
    public async Task A_level_outside_0_to_9_in_one_call_is_refused_before_anything_is_stored()
    {
        var store = server.CreateStore();
        var items = new[] { ShardItem.FromBytes("a.txt", Text(1000)) };

        var archive = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.PutShardArchiveAsync("levels/shard.tar.gz", items, ShardCompression.Gzip, 10));
        var sharded = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.PutItemsAsShardsAsync("levels/manifest.jsonl", items, new ShardingOptions { CompressionLevel = -1 }));

        Assert.Equal("compressionLevel", archive.ParamName);
        Assert.Equal("ShardingOptions.CompressionLevel", sharded.ParamName);
        Assert.Empty(await store.ListKeysAsync("").ToListAsync());
    }

    [Fact]
    public async Task A_hand_made_plan_with_a_level_outside_0_to_9_is_refused_before_anything_is_sent()
    {
        var store = server.CreateStore();
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(Path.Combine(folder.Root, "a.txt"), Text(1000));
        var plan = await store.PlanPublishAsync(new PublishRequest { Folder = folder.Root, Files = PublishSource.FromFolder(folder.Root), ManifestKey = "app/manifest.jsonl", ContentPrefix = "app/content" });

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.PublishAsync(plan with { CompressionLevel = 12 }));

        Assert.Equal(nameof(PublishPlan.CompressionLevel), ex.ParamName);
        Assert.Empty(await store.ListKeysAsync("").ToListAsync());
    }

    [Fact]
    public async Task Higher_levels_store_compressible_members_smaller_and_every_level_reads_back_whole()
    {
        var store = server.CreateStore();
        var items = Enumerable.Range(0, 4).Select(i => ShardItem.FromBytes($"logs/{i}.txt", Text(256 * 1024, seed: i))).ToList();
        var sizes = new Dictionary<int, long>();
        foreach (var level in new[] { 0, 1, 2, 6, 9 })
        {
            var manifest = $"levels/{level}/manifest.jsonl";
            var shards = await store.PutItemsAsShardsAsync(manifest, items, new ShardingOptions { CompressionLevel = level });
            sizes[level] = Assert.Single(shards).Entry.SizeBytes!.Value;

            var read = new List<(string Path, byte[] Data)>();
            await foreach (var item in store.ReadObjectsAsync(manifest))
            {
                read.Add((item.Entry.MemberPath!, await TestData.ReadAllAsync(item.Content)));
            }

            Assert.Equal(items.Select(i => i.Path), read.Select(r => r.Path));
            Assert.Equal(Enumerable.Range(0, 4).Select(i => Text(256 * 1024, seed: i)), read.Select(r => r.Data));
        }

        var contentBytes = 4 * 256 * 1024;
        Assert.True(sizes[0] > contentBytes, $"level 0 stores: {sizes[0]} bytes for {contentBytes}");
        Assert.True(sizes[1] < sizes[0] / 2, $"level 1 {sizes[1]} vs stored {sizes[0]}");
        Assert.True(sizes[2] < sizes[1], $"level 2 {sizes[2]} vs level 1 {sizes[1]}");
        Assert.True(sizes[6] < sizes[2], $"level 6 {sizes[6]} vs level 2 {sizes[2]}");
        Assert.True(sizes[9] <= sizes[6], $"level 9 {sizes[9]} vs level 6 {sizes[6]}");
    }

    [Fact]
    public async Task Publishing_at_another_level_uploads_every_shard_again_under_other_keys_and_the_same_level_none()
    {
        var store = server.CreateStore();
        using var folder = new TempFolder();
        for (var i = 0; i < 3; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.Root, $"f{i}.txt"), Text(20_000, seed: i));
        }

        PublishRequest Request(string build, int? level) => new()
        {
            Folder = folder.Root,
            Files = PublishSource.FromFolder(folder.Root),
            ManifestKey = $"app/{build}/manifest.jsonl",
            ContentPrefix = "app/content",
            CompressionLevel = level,
        };

        var atDefault = await store.PublishAsync(Request("1", null));
        var atDefaultAgain = await store.PublishAsync(Request("2", 2));
        var atSix = await store.PublishAsync(Request("3", 6));

        Assert.Equal((2, 2, 6), (atDefault.Plan.CompressionLevel, atDefaultAgain.Plan.CompressionLevel, atSix.Plan.CompressionLevel));
        Assert.Equal((1, 0, 1), (atDefault.ShardsUploaded, atDefaultAgain.ShardsUploaded, atSix.ShardsUploaded));
        Assert.NotEqual(atDefault.Plan.Shards[0].Key, atSix.Plan.Shards[0].Key);
        foreach (var build in new[] { "1", "3" })
        {
            using var fetched = new TempFolder();
            await store.FetchAsync($"app/{build}/manifest.jsonl", fetched.Root);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(Text(20_000, seed: i), await File.ReadAllBytesAsync(Path.Combine(fetched.Root, $"f{i}.txt")));
            }
        }
    }

    // Log-like lines: words and numbers that repeat with variation, so each level finds more.
    private static byte[] Text(int length, int seed = 0)
    {
        var random = new Random(seed);
        string[] words = ["request", "upload", "shard", "manifest", "key", "bytes", "ok", "retry", "GET", "PUT", "HEAD", "200", "404"];
        var text = new StringBuilder(length + 100);
        while (text.Length < length)
        {
            text.Append(random.Next(1_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
            for (var w = random.Next(3, 9); w > 0; w--)
            {
                text.Append(words[random.Next(words.Length)]).Append(' ');
            }

            text.Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
