using System.Text;

namespace S3Exchange.Tests.Manifests;

public sealed class ManifestJsonTests
{
    // The wire-format document's examples, byte for byte as the reference writes them.
    public static TheoryData<string> ReferenceLines => new()
    {
        """{"kind":"file","key":"training/123/samples/0001.wav","id":"0001","meta":{"sr":16000},"size_bytes":123456}""",
        """{"kind":"shard","archive_key":"training/123/samples/shards/shard-00001.tar.gz","format":"tar","compression":"gzip","internal_manifest_path":"__manifest__.jsonl","count":10000,"size_bytes":987654321}""",
        """{"kind":"manifest_ref","key":"training/123/samples/manifests/part-00001.jsonl"}""",
    };

    [Theory]
    [MemberData(nameof(ReferenceLines))]
    public void Reference_lines_round_trip_byte_for_byte(string line)
    {
        var entry = Parse(line);
        Assert.Equal(line, ManifestJson.ToJson(entry));
    }

    [Fact]
    public void Typed_fields_are_read()
    {
        var file = Assert.IsType<FileEntry>(Parse("""{"kind":"file","key":"k/0001.wav","id":"0001","meta":{"sr":16000},"content_type":"audio/wav","size_bytes":5,"etag":"abc","archive_key":"a.tar","member_path":"m.wav","data_offset":1024}"""));
        Assert.Equal(("k/0001.wav", "0001", "audio/wav", 5L, "abc", "a.tar", "m.wav", 1024L), (file.Key, file.Id, file.ContentType, file.SizeBytes, file.ETag, file.ArchiveKey, file.MemberPath, file.DataOffset));
        Assert.Equal(16000, (int)file.Meta!["sr"]!);

        var shard = Assert.IsType<ShardEntry>(Parse("""{"kind":"shard","archive_key":"s.tar.bz2","compression":"bz2","count":3}"""));
        Assert.Equal((ShardCompression?)ShardCompression.Bzip2, shard.Compression);
        Assert.Equal(3, shard.Count);
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip_in_their_order()
    {
        const string line = """{"kind":"file","key":"k","x_checksum":{"sha256":"ff"},"x_tags":["a","b"],"x_n":1.5}""";
        var entry = Parse(line);
        Assert.Equal(["x_checksum", "x_tags", "x_n"], entry.ExtensionData!.Keys);
        Assert.Equal(line, ManifestJson.ToJson(entry));
    }

    [Fact]
    public void Kind_need_not_come_first_and_nulls_mean_absent()
    {
        var file = Assert.IsType<FileEntry>(Parse("""{"key":"k","meta":null,"size_bytes":null,"kind":"file"}"""));
        Assert.Null(file.Meta);
        Assert.Null(file.SizeBytes);
        Assert.Equal("""{"kind":"file","key":"k"}""", ManifestJson.ToJson(file));
    }

    [Theory]
    [InlineData("gz", ShardCompression.Gzip)]
    [InlineData("bzip2", ShardCompression.Bzip2)]
    [InlineData("xz", ShardCompression.Xz)]
    public void Compression_spellings_of_the_reference_are_accepted(string value, ShardCompression expected)
    {
        var shard = Assert.IsType<ShardEntry>(Parse($$"""{"kind":"shard","archive_key":"a","compression":"{{value}}"}"""));
        Assert.Equal(expected, shard.Compression);
    }

    [Fact]
    public void Plain_tar_writes_compression_null_as_the_reference_does()
    {
        var shard = new ShardEntry("a.tar") { Compression = ShardCompression.None };
        Assert.Equal("""{"kind":"shard","archive_key":"a.tar","format":"tar","compression":null,"internal_manifest_path":"__manifest__.jsonl"}""", ManifestJson.ToJson(shard));
    }

    [Fact]
    public void Missing_compression_is_inferred_from_the_key()
    {
        Assert.Equal(ShardCompression.Gzip, new ShardEntry("a/s.tgz").EffectiveCompression);
        Assert.Equal(ShardCompression.Bzip2, new ShardEntry("a/s.tar.bz2").EffectiveCompression);
        Assert.Equal(ShardCompression.None, new ShardEntry("a/s.tar").EffectiveCompression);
    }

    [Theory]
    [InlineData("not json", "malformed JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"key":"k"}""", "no 'kind'")]
    [InlineData("""{"kind":"folder","key":"k"}""", "unknown kind 'folder'")]
    [InlineData("""{"kind":"file","id":"1"}""", "needs 'key'")]
    [InlineData("""{"kind":"shard","count":1}""", "needs 'archive_key'")]
    [InlineData("""{"kind":"manifest_ref"}""", "needs 'key'")]
    [InlineData("""{"kind":"file","key":"k","size_bytes":"12"}""", "'size_bytes' must be a non-negative integer")]
    [InlineData("""{"kind":"file","key":"k","meta":[1]}""", "'meta' must be an object")]
    [InlineData("""{"kind":"shard","archive_key":"a","compression":"zstd"}""", "unknown compression 'zstd'")]
    [InlineData("""{"kind":"file","key":"k"} x""", "malformed JSON")]
    public void Bad_lines_name_the_manifest_and_line(string line, string reason)
    {
        var ex = Assert.Throws<InvalidManifestException>(() => ManifestJson.ParseLine(Encoding.UTF8.GetBytes(line), "m/manifest.jsonl", 7));
        Assert.Equal("m/manifest.jsonl", ex.ManifestKey);
        Assert.Equal(7, ex.LineNumber);
        Assert.Contains(reason, ex.Message);
        Assert.Contains("line 7", ex.Message);
    }

    [Fact]
    public void Keys_with_non_ascii_and_plus_stay_readable()
    {
        var json = ManifestJson.ToJson(new FileEntry("a/ü+b.wav"));
        Assert.Equal("""{"kind":"file","key":"a/ü+b.wav"}""", json);
    }

    private static ManifestEntry Parse(string line) => ManifestJson.ParseLine(Encoding.UTF8.GetBytes(line), "m", 1);
}
