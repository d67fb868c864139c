using System.Text.Json;
using S3Exchange.Testing;
using S3Exchange.Tests.Interop;

namespace S3Exchange.Tests.Store;

/// <summary>
/// Manifests and shards cross the language boundary both ways: Python's json and tarfile read
/// what this library writes, and this library reads what Python writes the reference's way.
/// </summary>
[Collection("S3")]
public sealed class PythonInteropTests(S3ServerFixture server)
{
    private const string Manifest = "training/123/samples/manifest.jsonl";

    [Fact]
    public async Task Python_reads_a_sharded_manifest_written_with_append_parts()
    {
        var store = server.CreateStore();
        var loose = await store.PutObjectAsync("training/123/samples/loose.wav", "loose bytes"u8.ToArray());
        await store.WriteManifestAsync(Manifest, [loose]);
        var expected = new Dictionary<string, string> { [loose.Key] = TestData.Sha256("loose bytes"u8.ToArray()) };
        var compressions = new[] { ShardCompression.Gzip, ShardCompression.Bzip2, ShardCompression.None };
        for (var s = 0; s < compressions.Length; s++)
        {
            var items = Enumerable.Range(0, 4).Select(i => (Path: i == 3 ? $"deep/{new string('d', 120)}/ü-{i}.wav" : $"{s}-{i:0000}.wav", Data: TestData.Random(500 + (i * 97), (s * 10) + i))).ToList();
            var shard = await store.PutShardArchiveAsync(
                $"training/123/samples/shards/shard-{s:00000}{ShardCompressionNames.FileExtension(compressions[s])}",
                items.Select(i => ShardItem.FromBytes(i.Path, i.Data) with { UnixMode = 0b111_101_101 }),
                compressions[s]);
            await store.PutShardedAsync(Manifest, [shard.Entry]);
            foreach (var (path, data) in items)
            {
                expected[shard.Entry.ArchiveKey + "#" + path] = TestData.Sha256(data);
            }
        }

        using var result = JsonDocument.Parse(await RunPythonAsync("read_manifest.py", server.Endpoint, server.Bucket, store.ResolveKey(Manifest)));

        var files = result.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(expected.Keys, files.Select(f => f.GetProperty("key").GetString()));
        Assert.All(files, f => Assert.Equal(expected[f.GetProperty("key").GetString()!], f.GetProperty("sha256").GetString()));
        Assert.All(files.Where(f => f.TryGetProperty("mode", out _)), f => Assert.Equal(0b111_101_101, f.GetProperty("mode").GetInt32()));
        Assert.Equal(3, result.RootElement.GetProperty("parts").GetInt32());
        Assert.Equal(["gzip", "bz2", null], result.RootElement.GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("compression").GetString()));
    }

    [Fact]
    public async Task A_manifest_python_wrote_reads_here_object_for_object()
    {
        var store = server.CreateStore();
        using var written = JsonDocument.Parse(await RunPythonAsync("write_manifest.py", server.Endpoint, server.Bucket, store.ResolveKey("")));
        var root = written.RootElement.GetProperty("root").GetString()!;
        var expected = written.RootElement.GetProperty("written").EnumerateArray().Select(w => (w.GetProperty("key").GetString(), w.GetProperty("sha256").GetString())).ToList();

        var read = new List<(string?, string?)>();
        var prefix = store.ResolveKey("");
        await foreach (var item in store.ReadObjectsAsync(root[(prefix.Length + 1)..]))
        {
            read.Add((item.Entry.Key, TestData.Sha256(await TestData.ReadAllAsync(item.Content))));
        }

        Assert.Equal(expected, read);
        var members = await store.ListManifestFilesAsync(root[(prefix.Length + 1)..]).ToListAsync();
        Assert.Equal(16000, (int)members[1].Meta!["sr"]!);
        Assert.Equal("0000", members[1].Id);
    }

    private Task<string> RunPythonAsync(string script, params string[] arguments) =>
        PythonScript.RunAsync(script, PythonScript.S3Environment(server.Settings), arguments);
}
