namespace S3Exchange.Tests.Keys;

/// <summary>The keys of one namespace, laid out by <see cref="KeyLayout"/>, and the scope's argument checks.</summary>
public sealed class NamespaceScopeTests
{
    private readonly NamespaceScope scope = new("training/123/samples");

    [Fact]
    public void Keys_follow_the_reference_layout()
    {
        Assert.Equal("training/123/samples", scope.Prefix);
        Assert.Equal("training/123/samples/manifest.jsonl", scope.ManifestKey);
        Assert.Equal("training/123/samples/shards", scope.ShardFolder);
        Assert.Equal("training/123/samples/shards/shard-00001.tar.gz", scope.ShardKey(1));
        Assert.Equal("training/123/samples/0001.wav", scope.Key("0001.wav"));
        Assert.Equal("training/123/samples/manifests/part-00001.jsonl", KeyLayout.PartKey(scope.ManifestKey, "part-00001.jsonl"));
        Assert.Equal("training/123/samples", scope.ToString());
    }

    [Fact]
    public void Keys_are_the_key_layout_of_the_prefix()
    {
        Assert.Equal(KeyLayout.ManifestKey(scope.Prefix), scope.ManifestKey);
        Assert.Equal(KeyLayout.ShardFolder(scope.Prefix), scope.ShardFolder);
        Assert.Equal(KeyLayout.NumberedShardKey(KeyLayout.ShardFolder(scope.Prefix), 12), scope.ShardKey(12));
        Assert.Equal(KeyLayout.ShardFolderOfManifest(scope.ManifestKey), scope.ShardFolder);
    }

    [Theory]
    [InlineData(ShardCompression.None, "training/123/samples/shards/shard-00002.tar")]
    [InlineData(ShardCompression.Gzip, "training/123/samples/shards/shard-00002.tar.gz")]
    [InlineData(ShardCompression.Bzip2, "training/123/samples/shards/shard-00002.tar.bz2")]
    [InlineData(ShardCompression.Xz, "training/123/samples/shards/shard-00002.tar.xz")]
    public void Shard_key_names_every_compression(ShardCompression compression, string expected)
        => Assert.Equal(expected, scope.ShardKey(2, compression));

    [Fact]
    public void Empty_prefix_is_the_store_root()
    {
        var root = new NamespaceScope(string.Empty);

        Assert.Equal("manifest.jsonl", root.ManifestKey);
        Assert.Equal("shards/shard-00000.tar.gz", root.ShardKey(0));
        Assert.Equal("a.txt", root.Key("a.txt"));
    }

    [Theory]
    [InlineData("/training")]
    [InlineData("training/")]
    [InlineData("training//samples")]
    public void Prefix_that_is_not_normalised_is_refused_by_name(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => new NamespaceScope(prefix));

        Assert.Equal("prefix", error.ParamName);
    }

    [Fact]
    public void Null_prefix_is_refused_by_name()
        => Assert.Equal("prefix", Assert.Throws<ArgumentNullException>(() => new NamespaceScope(null!)).ParamName);

    [Theory]
    [InlineData("")]
    [InlineData("/absolute")]
    public void Relative_key_that_is_empty_or_absolute_is_refused_by_name(string relative)
    {
        var error = Assert.Throws<ArgumentException>(() => scope.Key(relative));

        Assert.Equal("relative", error.ParamName);
    }

    [Fact]
    public void Null_relative_key_is_refused_by_name()
        => Assert.Equal("relative", Assert.Throws<ArgumentNullException>(() => scope.Key(null!)).ParamName);

    [Fact]
    public void Negative_shard_index_and_unknown_compression_are_refused_by_name()
    {
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => scope.ShardKey(-1)).ParamName);
        Assert.Equal("compression", Assert.Throws<ArgumentOutOfRangeException>(() => scope.ShardKey(0, (ShardCompression)42)).ParamName);
    }

    [Fact]
    public async Task Store_methods_refuse_a_null_store_by_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => scope.PutObjectAsync(null!, "a.txt", new byte[] { 1 }));

        Assert.Equal("store", error.ParamName);
        Assert.Equal("store", Assert.Throws<ArgumentNullException>(() => scope.ReadObjectsAsync(null!)).ParamName);
    }
}
