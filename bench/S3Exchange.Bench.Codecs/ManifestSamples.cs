using System.Text.Json.Nodes;

namespace S3Exchange.Bench.Codecs;

/// <summary>Manifest lines as producers write them: shard members with an id, meta, size and offset.</summary>
public static class ManifestSamples
{
    public static FileEntry Member(int i) => new($"training/123/samples/shards/shard-00000.tar#items/{i:00000}.wav")
    {
        Id = $"{i:00000}",
        Meta = new JsonObject { ["sr"] = 16000, ["speaker"] = "s-" + (i % 17) },
        SizeBytes = 20_000 + i,
        ArchiveKey = "training/123/samples/shards/shard-00000.tar",
        MemberPath = $"items/{i:00000}.wav",
        DataOffset = 1536L * i,
    };

    /// <summary>A member entry without meta: the cheapest common line.</summary>
    public static FileEntry PlainMember(int i) => new($"training/123/samples/shards/shard-00000.tar#items/{i:00000}.wav")
    {
        Id = $"{i:00000}",
        SizeBytes = 20_000 + i,
        ArchiveKey = "training/123/samples/shards/shard-00000.tar",
        MemberPath = $"items/{i:00000}.wav",
    };
}
