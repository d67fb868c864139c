namespace S3Exchange.Tests.Keys;

public sealed class KeyPathTests
{
    [Theory]
    [InlineData("a//b///c", "a/b/c")]
    [InlineData("/a/b/", "a/b")]
    [InlineData("a/b", "a/b")]
    [InlineData("///", "")]
    public void Normalize_collapses_slashes_and_trims_them(string key, string expected) => Assert.Equal(expected, KeyPath.Normalize(key));

    [Theory]
    [InlineData("training/123/samples/0001.wav", "0001")]
    [InlineData("a/b/archive.tar.gz", "archive.tar")]
    [InlineData("noext", "noext")]
    [InlineData("a/.hidden", ".hidden")]
    public void InferId_is_the_last_segment_without_its_last_extension(string key, string expected) => Assert.Equal(expected, KeyPath.InferId(key));

    [Fact]
    public void Folder_of_a_top_level_key_is_empty()
    {
        Assert.Equal(string.Empty, KeyPath.Folder("manifest.jsonl"));
        Assert.Equal("a/b", KeyPath.Folder("a/b/manifest.jsonl"));
    }

    [Fact]
    public void Virtual_keys_split_at_the_first_hash()
    {
        Assert.True(VirtualKey.TryParse("a/shard.tar.gz#dir/m#1.wav", out var key));
        Assert.Equal("a/shard.tar.gz", key.ArchiveKey);
        Assert.Equal("dir/m#1.wav", key.MemberPath);
        Assert.False(VirtualKey.TryParse("plain/key", out _));
        Assert.False(VirtualKey.TryParse("#member", out _));
    }

    [Theory]
    [InlineData("a/s.tar#m/1.wav", "a/s.tar", "m/1.wav", true)]
    [InlineData("a/s.tar#m/1.wav", "a/s.tar", "m/2.wav", false)]
    [InlineData("b/s.tar#m/1.wav", "a/s.tar", "m/1.wav", false)]
    [InlineData("a/s.tarxm/1.wav", "a/s.tar", "m/1.wav", false)]
    [InlineData("a/s.tar#m/1.wav#", "a/s.tar", "m/1.wav", false)]
    public void Names_tells_whether_a_key_is_the_virtual_key_of_a_member(string key, string archive, string member, bool expected)
    {
        Assert.Equal(expected, VirtualKey.Names(key, archive, member));
        Assert.Equal(expected, key == VirtualKey.Compose(archive, member));
    }
}
