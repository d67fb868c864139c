using System.Text;
using System.Text.Json.Nodes;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class ObjectTests(S3ServerFixture server)
{
    [Fact]
    public async Task Put_bytes_returns_an_entry_with_size_etag_and_inferred_id()
    {
        var store = server.CreateStore();
        var entry = await store.PutObjectAsync("training/123/samples/file-001.wav", "audio"u8.ToArray(), new PutObjectOptions { Meta = new JsonObject { ["sr"] = 16000 }, ContentType = "audio/wav" });

        Assert.Equal(store.ResolveKey("training/123/samples/file-001.wav"), entry.Key);
        Assert.Equal("file-001", entry.Id);
        Assert.Equal(5, entry.SizeBytes);
        Assert.False(string.IsNullOrEmpty(entry.ETag));
        Assert.DoesNotContain("\"", entry.ETag);
        Assert.Equal(16000, (int)entry.Meta!["sr"]!);
        Assert.Equal("audio", await ReadText(await store.GetObjectAsync("training/123/samples/file-001.wav")));

        var info = await store.GetMetadataAsync("training/123/samples/file-001.wav");
        Assert.Equal(("audio/wav", 5L, entry.ETag), (info.ContentType, info.SizeBytes, info.ETag));
    }

    [Fact]
    public async Task Keys_resolve_placeholders_from_default_variables_under_the_base_prefix()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { BasePrefix = "prod", DefaultVariables = new Dictionary<string, string> { ["service_name"] = "svc" } });

        var resolved = store.ResolveKey("{service_name}/training/{job_id}/a.bin", new Dictionary<string, string> { ["job_id"] = "123" });
        var entry = await store.PutObjectAsync("{service_name}/b.bin", new byte[] { 1 });

        Assert.EndsWith("/prod/svc/training/123/a.bin", resolved);
        Assert.EndsWith("/prod/svc/b.bin", entry.Key);
        Assert.True(await store.ExistsAsync("svc/b.bin"));
        Assert.Throws<MissingPlaceholderException>(() => store.ResolveKey("training/{job_id}"));

        var scope = store.Scope("{service_name}/training/{job_id}/samples", new Dictionary<string, string> { ["job_id"] = "5" });
        Assert.Equal("svc/training/5/samples/manifest.jsonl", scope.ManifestKey());
        Assert.Equal("svc/training/5/samples/shards", scope.ShardFolder());
        Assert.Equal("svc/training/5/samples/x.wav", scope.Key("x.wav"));
    }

    [Fact]
    public async Task Put_stream_of_several_parts_goes_up_as_multipart_and_reads_back()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = 5 * 1024 * 1024 });
        var data = new byte[(11 * 1024 * 1024) + 17];
        new Random(1).NextBytes(data);

        var entry = await store.PutObjectAsync("big.bin", new NonSeekableStream(data));

        Assert.Equal(data.Length, entry.SizeBytes);
        Assert.EndsWith("-3", entry.ETag);
        var head = await server.Client.GetObjectMetadataAsync(server.Bucket, store.ResolveKey("big.bin"));
        Assert.Equal(head.ETag.Trim('"'), entry.ETag);
        using var copy = new MemoryStream();
        await (await store.GetObjectAsync("big.bin")).CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Put_file_and_download_round_trip()
    {
        var store = server.CreateStore();
        var folder = Directory.CreateTempSubdirectory("s3x-put-").FullName;
        var source = Path.Combine(folder, "in.txt");
        await File.WriteAllTextAsync(source, "from a file");

        var entry = await store.PutFileAsync("docs/in.txt", source, new PutObjectOptions { Id = "doc-1" });
        await store.DownloadAsync("docs/in.txt", Path.Combine(folder, "out", "copy.txt"));

        Assert.Equal("doc-1", entry.Id);
        Assert.Equal("from a file", await File.ReadAllTextAsync(Path.Combine(folder, "out", "copy.txt")));
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "out")));
    }

    [Fact]
    public async Task A_missing_object_names_its_key_and_leaves_no_download_behind()
    {
        var store = server.CreateStore();
        var ex = await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetObjectAsync("nonexistent.wav"));
        Assert.Equal(store.ResolveKey("nonexistent.wav"), ex.Key);
        Assert.False(await store.ExistsAsync("nonexistent.wav"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetMetadataAsync("nonexistent.wav"));

        var folder = Directory.CreateTempSubdirectory("s3x-miss-").FullName;
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.DownloadAsync("nonexistent.wav", Path.Combine(folder, "x.wav")));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_bucket_that_does_not_exist_is_named()
    {
        var store = new S3ExchangeStore(server.Client, "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8], new S3ExchangeStoreOptions { S3CompatibleEndpoint = true });
        var ex = await Assert.ThrowsAsync<BucketNotFoundException>(() => store.PutObjectAsync("a", new byte[] { 1 }.AsMemory()));
        Assert.Equal(store.Bucket, ex.Bucket);
        await Assert.ThrowsAsync<BucketNotFoundException>(() => store.GetObjectAsync("a"));
        await Assert.ThrowsAsync<BucketNotFoundException>(async () => await store.ListKeysAsync("").ToListAsync());
    }

    [Fact]
    public void Zero_or_negative_options_are_refused_when_the_store_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => server.CreateStore(new S3ExchangeStoreOptions { MaxConcurrency = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.CreateStore(new S3ExchangeStoreOptions { ManifestUpdateAttempts = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = 1024 }));
    }

    [Fact]
    public async Task A_key_with_a_hash_but_no_archive_is_a_plain_object()
    {
        var store = server.CreateStore();
        await store.PutObjectAsync("odd/name#1.txt", "plain"u8.ToArray());
        Assert.Equal("plain", await ReadText(await store.GetObjectAsync("odd/name#1.txt")));
    }

    private static async Task<string> ReadText(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
