namespace S3Exchange.Tests.Transfer;

/// <summary>The publish planner alone (no server): stable, content-addressed shards and loose files.</summary>
public sealed class PublishPlanningTests
{
    private static readonly PublishRequest Default = new()
    {
        Folder = "/nowhere",
        Files = [],
        ManifestKey = "artifacts/App/1.0/any/manifest.jsonl",
        ContentPrefix = "artifacts/App/content",
    };

    private static readonly PublishRequest Small = Default with { ShardMaxEntries = 8, ShardMaxBytes = 1 << 20, LooseFileThreshold = 1 << 16 };

    [Fact]
    public void The_same_files_always_make_the_same_shards_and_keys()
    {
        var first = PublishPlanner.Plan(Files(200), Small, S3ExchangeStoreOptions.DefaultShardCompressionLevel);
        var second = PublishPlanner.Plan(Files(200), Small, S3ExchangeStoreOptions.DefaultShardCompressionLevel);

        Assert.Equal(first.Shards.Select(s => s.Key), second.Shards.Select(s => s.Key));
        Assert.True(first.Shards.Count > 10, $"expected many shards, got {first.Shards.Count}");
    }

    [Fact]
    public void Changing_one_file_changes_only_the_key_of_its_own_shard()
    {
        var files = Files(200);
        var before = PublishPlanner.Plan(files, Small, S3ExchangeStoreOptions.DefaultShardCompressionLevel);
        var changed = files.ToList();
        changed[117] = changed[117] with { Sha256 = new string('f', 64) };
        var after = PublishPlanner.Plan(changed, Small, S3ExchangeStoreOptions.DefaultShardCompressionLevel);

        var differing = before.Shards.Zip(after.Shards).Where(p => p.First.Key != p.Second.Key).ToList();
        Assert.Equal(before.Shards.Count, after.Shards.Count);
        var only = Assert.Single(differing);
        Assert.Contains(only.Second.Files, f => f.RelativePath == files[117].RelativePath);
    }

    [Fact]
    public void Changing_a_files_mode_changes_its_shard_key()
    {
        var files = Files(3);
        var before = PublishPlanner.Plan(files, Default, S3ExchangeStoreOptions.DefaultShardCompressionLevel);
        var after = PublishPlanner.Plan([files[0], files[1] with { UnixMode = 0b111_101_101 }, files[2]], Default, S3ExchangeStoreOptions.DefaultShardCompressionLevel);

        Assert.NotEqual(Assert.Single(before.Shards).Key, Assert.Single(after.Shards).Key);
    }

    [Fact]
    public void The_gzip_level_is_part_of_a_gzip_shard_key_and_plain_tar_ignores_it()
    {
        var files = Files(20);

        var gzip = Enumerable.Range(0, 10).Select(level => Assert.Single(PublishPlanner.Plan(files, Default, level).Shards).Key).ToList();
        var tar = Enumerable.Range(0, 10).Select(level => Assert.Single(PublishPlanner.Plan(files, Default with { Compression = ShardCompression.None }, level).Shards).Key).ToList();

        Assert.Equal(10, gzip.Distinct().Count());
        Assert.Single(tar.Distinct());
        Assert.Equal(2, PublishPlanner.Plan(files, Default, 2).CompressionLevel);
    }

    [Fact]
    public void Adding_a_file_leaves_every_shard_but_its_neighbourhood_unchanged()
    {
        var files = Files(300);
        var before = PublishPlanner.Plan(files, Small, S3ExchangeStoreOptions.DefaultShardCompressionLevel);
        var added = files.Append(File("lib/file-00150a.dll", 100)).OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
        var after = PublishPlanner.Plan(added, Small, S3ExchangeStoreOptions.DefaultShardCompressionLevel);

        var newKeys = after.Shards.Select(s => s.Key).Except(before.Shards.Select(s => s.Key)).ToList();
        Assert.InRange(newKeys.Count, 1, 2);
    }

    [Fact]
    public void Shards_respect_the_entry_and_byte_limits_and_a_large_file_travels_alone()
    {
        var limits = Default with { ShardMaxEntries = 5, ShardMaxBytes = 1000, LooseFileThreshold = 5000 };
        var files = Enumerable.Range(0, 40).Select(i => File($"f{i:000}", i == 20 ? 1500 : 90)).ToList();
        var plan = PublishPlanner.Plan(files, limits, S3ExchangeStoreOptions.DefaultShardCompressionLevel);

        Assert.All(plan.Shards, s => Assert.InRange(s.Files.Count, 1, 5));
        Assert.All(plan.Shards.Where(s => s.Files.Count > 1), s => Assert.True(s.ContentBytes <= 1000));
        Assert.Single(Assert.Single(plan.Shards, s => s.Files.Any(f => f.RelativePath == "f020")).Files);
        Assert.Equal(files.Select(f => f.RelativePath), plan.Shards.SelectMany(s => s.Files).Select(f => f.RelativePath));
    }

    [Fact]
    public void Files_above_the_loose_threshold_become_loose_objects_named_by_content()
    {
        var big = File("runtimes/linux-x64/native/libbig.so", 70_000);
        var plan = PublishPlanner.Plan([File("App.dll", 10), big], Small, S3ExchangeStoreOptions.DefaultShardCompressionLevel);

        var loose = Assert.Single(plan.LooseFiles);
        Assert.Equal($"artifacts/App/content/objects/{big.Sha256}/libbig.so", loose.Key);
        Assert.DoesNotContain(plan.Shards.SelectMany(s => s.Files), f => f == big);
        Assert.StartsWith("artifacts/App/content/shards/", Assert.Single(plan.Shards).Key);
        Assert.EndsWith(".tar.gz", plan.Shards[0].Key);
    }

    [Theory]
    [InlineData(nameof(PublishRequest.ShardMaxEntries))]
    [InlineData(nameof(PublishRequest.ShardMaxBytes))]
    [InlineData(nameof(PublishRequest.LooseFileThreshold))]
    [InlineData(nameof(PublishRequest.Compression))]
    [InlineData(nameof(PublishRequest.CompressionLevel))]
    public void An_unusable_limit_is_refused_naming_it(string property)
    {
        var request = property switch
        {
            nameof(PublishRequest.ShardMaxEntries) => Default with { ShardMaxEntries = 0 },
            nameof(PublishRequest.ShardMaxBytes) => Default with { ShardMaxBytes = -1 },
            nameof(PublishRequest.LooseFileThreshold) => Default with { LooseFileThreshold = -1 },
            nameof(PublishRequest.CompressionLevel) => Default with { CompressionLevel = 10 },
            _ => Default with { Compression = ShardCompression.Bzip2 },
        };

        var ex = Assert.ThrowsAny<ArgumentOutOfRangeException>(request.Validate);
        Assert.Equal(property, ex.ParamName);
    }

    private static List<PublishFile> Files(int count) =>
        Enumerable.Range(0, count).Select(i => File($"lib/file-{i:00000}.dll", 1000 + i)).ToList();

    private static PublishFile File(string path, long size) =>
        new(path, "/nowhere/" + path, size, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path))).ToLowerInvariant(), 0b110_100_100);
}
