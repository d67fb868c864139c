// The Python guide's Quick Start, step by step, in C#. Configuration comes from the S3_*
// environment variables (or a .env file); eng/run-quickstart.sh starts a local server and
// sets them.
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using S3Exchange;

var settings = S3ExchangeSettings.FromEnvironment();
Console.WriteLine($"Using {settings}");
using (var client = settings.CreateClient())
{
    try
    {
        await client.PutBucketAsync(new PutBucketRequest { BucketName = settings.Bucket });
    }
    catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
    {
    }
}

var store = S3ExchangeStore.Create(settings, new S3ExchangeStoreOptions
{
    BasePrefix = "prod",
    DefaultVariables = new Dictionary<string, string> { ["service_name"] = "training-service" },
});
const string manifest = "{service_name}/training/123/samples/manifest.jsonl";

// Writing objects.
var entry = await store.PutObjectAsync(
    "{service_name}/training/123/samples/file.wav",
    "audio data..."u8.ToArray(),
    new PutObjectOptions { Id = "file-001", Meta = new JsonObject { ["sr"] = 16000, ["length"] = 15342 }, ContentType = "audio/wav" });
Console.WriteLine($"put_object      -> {entry}");

// Manifests: overwrite, then append a part.
await store.WriteManifestAsync(manifest, [entry], ManifestWriteMode.Overwrite);
var second = await store.PutObjectAsync("{service_name}/training/123/samples/file3.wav", "more audio"u8.ToArray(), new PutObjectOptions { Id = "003" });
await store.WriteManifestAsync(manifest, [second], ManifestWriteMode.AppendParts);

// Shard archives: split items, upload each shard, then reference them from the manifest.
var items = Enumerable.Range(1, 25).Select(i => ShardItem.FromBytes($"{i:0000}.wav", new byte[1000 + i]) with
{
    Id = $"{i:0000}",
    Meta = new JsonObject { ["sr"] = 16000 },
});
var shardEntries = new List<ShardEntry>();
var batches = ShardSplitter.Split(items, maxEntries: 10, maxBytes: 1024 * 1024 * 1024).ToList();
for (var i = 0; i < batches.Count; i++)
{
    var shard = await store.PutShardArchiveAsync($"{{service_name}}/training/123/samples/shards/shard-{i:00000}.tar.gz", batches[i], ShardCompression.Gzip);
    shardEntries.Add(shard.Entry);
}

await store.PutShardedAsync(manifest, shardEntries, ManifestWriteMode.AppendParts);

// Reading: every object, shards expanded member by member.
var count = 0;
long bytes = 0;
await foreach (var item in store.ReadObjectsAsync(manifest))
{
    using var copy = new MemoryStream();
    await item.Content.CopyToAsync(copy);
    count++;
    bytes += copy.Length;
}

Console.WriteLine($"iter_objects    -> {count} objects, {bytes} bytes");
Console.WriteLine($"virtual key     -> {(await store.GetMetadataAsync("{service_name}/training/123/samples/file.wav")).SizeBytes} bytes at file.wav; member 0007.wav reads {await LengthAsync(await store.GetObjectAsync("{service_name}/training/123/samples/shards/shard-00000.tar.gz#0007.wav"))} bytes");

var filtered = await store.ListByManifestPrefixAsync(manifest, "{service_name}/training/123/samples/file").CountAsync();
Console.WriteLine($"list_by_prefix  -> {filtered} loose files");

var report = await store.CompactManifestAsync(manifest, "{service_name}/training/123/samples/manifest-compact.jsonl");
Console.WriteLine($"compact         -> {report}");

Console.WriteLine("manifest (root, refs not resolved):");
await foreach (var line in store.ReadManifestEntriesAsync(manifest, resolveRefs: false))
{
    Console.WriteLine("  " + line);
}

static async Task<long> LengthAsync(Stream stream)
{
    await using (stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.Length;
    }
}
