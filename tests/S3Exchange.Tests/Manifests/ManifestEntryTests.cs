using System.Text;
using System.Text.Json.Nodes;

namespace S3Exchange.Tests.Manifests;

/// <summary><see cref="ManifestEntry.ToJson"/>: the public way to the line the Python library writes.</summary>
public sealed class ManifestEntryTests
{
    [Theory]
    [MemberData(nameof(ManifestJsonTests.ReferenceLines), MemberType = typeof(ManifestJsonTests))]
    public void A_parsed_reference_line_is_written_back_byte_for_byte(string line)
    {
        var entry = ManifestJson.ParseLine(Encoding.UTF8.GetBytes(line), "m", 1);

        Assert.Equal(line, entry.ToJson());
        Assert.Equal(line, entry.ToString());
    }

    [Fact]
    public void Entries_built_in_code_write_the_reference_lines_and_read_back_the_same()
    {
        ManifestEntry[] entries =
        [
            new FileEntry("training/123/samples/0001.wav") { Id = "0001", Meta = new JsonObject { ["sr"] = 16000 }, SizeBytes = 123456 },
            new ShardEntry("training/123/samples/shards/shard-00001.tar.gz") { Compression = ShardCompression.Gzip, Count = 10000, SizeBytes = 987654321 },
            new ManifestRefEntry("training/123/samples/manifests/part-00001.jsonl"),
        ];

        var lines = entries.Select(e => e.ToJson()).ToArray();

        Assert.Equal(ManifestJsonTests.ReferenceLines.Cast<object[]>().Select(row => (string)row[0]), lines);
        foreach (var line in lines)
        {
            Assert.Equal(line, ManifestJson.ParseLine(Encoding.UTF8.GetBytes(line), "m", 1).ToJson());
        }
    }
}
