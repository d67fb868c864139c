using System.Text.Json.Nodes;
using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class ShardTests(S3ServerFixture server)
{
    private const string Manifest = "training/123/samples/manifest.jsonl";

    [Theory]
    [InlineData(ShardCompression.None, "shard-00000.tar")]
    [InlineData(ShardCompression.Gzip, "shard-00000.tar.gz")]
    [InlineData(ShardCompression.Bzip2, "shard-00000.tar.bz2")]
    public async Task Shards_round_trip_members_in_order_with_their_entries(ShardCompression compression, string name)
    {
        var store = server.CreateStore();
        var folder = Directory.CreateTempSubdirectory("s3x-shard-").FullName;
        var filePath = Path.Combine(folder, "0002.wav");
        await File.WriteAllBytesAsync(filePath, TestData.Random(3000, 2));
        var items = new[]
        {
            ShardItem.FromBytes("0001.wav", TestData.Random(1000, 1)) with { Meta = new JsonObject { ["sr"] = 16000 } },
            ShardItem.FromFile("0002.wav", filePath),
            ShardItem.FromStream("nested/0003.wav", 5, _ => ValueTask.FromResult<Stream>(new MemoryStream("fives"u8.ToArray()))),
        };

        var shard = await store.PutShardArchiveAsync($"training/123/samples/shards/{name}", items, compression);
        await store.PutShardedAsync(Manifest, [shard.Entry]);

        var head = await store.GetMetadataAsync($"training/123/samples/shards/{name}");
        Assert.Equal((3, head.SizeBytes, head.ETag), (shard.Entry.Count, shard.Entry.SizeBytes!.Value, (string?)shard.Entry.Meta!["etag"]));
        Assert.Equal(compression, shard.Entry.Compression);

        var read = new List<(FileEntry Entry, byte[] Data)>();
        await foreach (var item in store.ReadObjectsAsync(Manifest))
        {
            read.Add((item.Entry, await TestData.ReadAllAsync(item.Content)));
        }

        Assert.Equal(["0001.wav", "0002.wav", "nested/0003.wav"], read.Select(r => r.Entry.MemberPath));
        Assert.Equal([TestData.Random(1000, 1), TestData.Random(3000, 2), "fives"u8.ToArray()], read.Select(r => r.Data));
        Assert.All(read, r => Assert.Equal(shard.Entry.ArchiveKey, r.Entry.ArchiveKey));
        Assert.Equal(shard.Entry.ArchiveKey + "#nested/0003.wav", read[2].Entry.Key);
        Assert.Equal(("0001", 16000), (read[0].Entry.Id, (int)read[0].Entry.Meta!["sr"]!));
        Assert.Equal(compression == ShardCompression.None, read.All(r => r.Entry.DataOffset is not null));
    }

    // SharpZipLib's bzip2 decoder reads its input byte by byte: straight from the response that
    // was one read through the SDK's and HttpClient's streams per byte, 25× slower.
    [Theory]
    [InlineData(ShardCompression.None)]
    [InlineData(ShardCompression.Gzip)]
    [InlineData(ShardCompression.Bzip2)]
    public async Task Shards_are_read_from_the_network_in_large_reads(ShardCompression compression)
    {
        var store = server.CreateStore();
        var items = Enumerable.Range(0, 8).Select(i => ShardItem.FromBytes($"m{i}.bin", TestData.Random(64 * 1024, i))).ToList();
        var shard = await store.PutShardArchiveAsync("s/shard" + ShardCompressionNames.FileExtension(compression), items, compression);
        await store.WriteManifestAsync(Manifest, [shard.Entry]);
        var log = new ResponseStreamLog(store, key => key == shard.Entry.ArchiveKey);

        var read = new List<byte[]>();
        await foreach (var item in store.ReadObjectsAsync(Manifest))
        {
            read.Add(await TestData.ReadAllAsync(item.Content));
        }

        Assert.Equal(items.Select((_, i) => TestData.Random(64 * 1024, i)), read);
        Assert.Equal(1, log.Responses);
        Assert.True(log.Bytes >= 8 * 64 * 1024 * 9 / 10, $"{log.Bytes} bytes read of the archive");
        Assert.True(log.Bytes / log.Reads >= 4096, $"{log.Reads} reads of the response for {log.Bytes} bytes");
    }

    [Fact]
    public async Task A_member_of_a_plain_tar_is_one_ranged_get_once_the_index_is_known()
    {
        var store = server.CreateStore();
        var shard = await store.PutShardArchiveAsync("s/shard.tar", Enumerable.Range(0, 20).Select(i => ShardItem.FromBytes($"m{i:00}.bin", TestData.Random(700 + i, i))), ShardCompression.None);
        var log = new RequestLog(store);

        // By entry: the offset is in the entry, so one ranged GET and nothing else.
        var content = await TestData.ReadAllAsync(await store.OpenAsync(shard.Members[7]));
        Assert.Equal(TestData.Random(707, 7), content);
        var get = Assert.Single(log.Requests);
        Assert.NotNull(Assert.IsType<GetObjectRequest>(get).ByteRange);

        // By virtual key: the index is read once, then each member is one ranged GET.
        Assert.Equal(TestData.Random(703, 3), await TestData.ReadAllAsync(await store.GetObjectAsync("s/shard.tar#m03.bin")));
        log.Clear();
        Assert.Equal(TestData.Random(719, 19), await TestData.ReadAllAsync(await store.GetObjectAsync("s/shard.tar#m19.bin")));
        var ranged = Assert.Single(log.Requests);
        Assert.Equal(shard.Members[19].DataOffset, Assert.IsType<GetObjectRequest>(ranged).ByteRange.Start);

        var ex = await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetObjectAsync("s/shard.tar#absent.bin"));
        Assert.EndsWith("s/shard.tar#absent.bin", ex.Key);
    }

    [Fact]
    public async Task A_rewritten_plain_tar_is_indexed_again()
    {
        var store = server.CreateStore();
        await store.PutShardArchiveAsync("s/shard.tar", [ShardItem.FromBytes("a.bin", TestData.Random(10, 1))], ShardCompression.None);
        Assert.Equal(TestData.Random(10, 1), await TestData.ReadAllAsync(await store.GetObjectAsync("s/shard.tar#a.bin")));

        await store.PutShardArchiveAsync("s/shard.tar", [ShardItem.FromBytes("long-name-first.bin", TestData.Random(99, 3)), ShardItem.FromBytes("a.bin", TestData.Random(20, 2))], ShardCompression.None);
        Assert.Equal(TestData.Random(20, 2), await TestData.ReadAllAsync(await store.GetObjectAsync("s/shard.tar#a.bin")));
    }

    [Fact]
    public async Task A_member_of_a_compressed_shard_streams_up_to_the_member()
    {
        var store = server.CreateStore();
        await store.PutShardArchiveAsync("s/shard.tar.gz", Enumerable.Range(0, 5).Select(i => ShardItem.FromBytes($"m{i}.bin", TestData.Random(5000, i))));
        Assert.Equal(TestData.Random(5000, 3), await TestData.ReadAllAsync(await store.GetObjectAsync("s/shard.tar.gz#m3.bin")));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetObjectAsync("s/shard.tar.gz#m9.bin"));
    }

    [Fact]
    public async Task A_large_plain_shard_goes_up_in_parts_and_reads_back()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = 5 * 1024 * 1024 });
        var items = Enumerable.Range(0, 3).Select(i => ShardItem.FromBytes($"big{i}.bin", TestData.Random(4 * 1024 * 1024, i))).ToList();

        var shard = await store.PutShardArchiveAsync("s/big.tar", items, ShardCompression.None);

        Assert.EndsWith("-3", (string?)shard.Entry.Meta!["etag"]);
        Assert.Equal(TestData.Random(4 * 1024 * 1024, 2), await TestData.ReadAllAsync(await store.OpenAsync(shard.Members[2])));
    }

    [Fact]
    public async Task Put_sharded_splits_uploads_in_parallel_and_writes_the_manifest_last()
    {
        var store = server.CreateStore();
        var items = Enumerable.Range(0, 10).Select(i => ShardItem.FromBytes($"{i:0000}.wav", TestData.Random(100, i)));

        var shards = await store.PutItemsAsShardsAsync(Manifest, items, new ShardingOptions { MaxEntries = 4 });

        Assert.Equal([4, 4, 2], shards.Select(s => s.Entry.Count!.Value));
        Assert.Equal(
            ["shard-00000.tar.gz", "shard-00001.tar.gz", "shard-00002.tar.gz"],
            shards.Select(s => s.Entry.ArchiveKey[(s.Entry.ArchiveKey.LastIndexOf('/') + 1)..]));
        Assert.All(shards, s => Assert.Contains("/training/123/samples/shards/", s.Entry.ArchiveKey));
        var ids = new List<string?>();
        await foreach (var item in store.ReadObjectsAsync(Manifest))
        {
            ids.Add(item.Entry.Id);
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i:0000}"), ids);
    }

    [Fact]
    public async Task Listing_files_reads_only_internal_manifests()
    {
        var store = server.CreateStore();
        var loose = await store.PutObjectAsync("training/123/samples/loose.wav", new byte[] { 9 });
        var gz = await store.PutShardArchiveAsync("training/123/samples/shards/a.tar.gz", [ShardItem.FromBytes("x.wav", TestData.Random(100, 1))]);
        var tar = await store.PutShardArchiveAsync("training/123/samples/shards/b.tar", [ShardItem.FromBytes("y.wav", TestData.Random(100, 2))], ShardCompression.None);
        await store.WriteManifestAsync(Manifest, [loose, gz.Entry, tar.Entry]);

        var all = await store.ListManifestFilesAsync(Manifest).ToListAsync();
        var looseOnly = await store.ListManifestFilesAsync(Manifest, includeShards: false).ToListAsync();

        Assert.Equal([loose.Key, gz.Entry.ArchiveKey + "#x.wav", tar.Entry.ArchiveKey + "#y.wav"], all.Select(f => f.Key));
        Assert.Equal([loose.Key], looseOnly.Select(f => f.Key));
        Assert.Equal(100, all[1].SizeBytes);
    }

    [Fact]
    public async Task A_missing_shard_is_an_error_unless_skipping_is_asked_for_and_then_it_is_counted()
    {
        var store = server.CreateStore();
        var good = await store.PutShardArchiveAsync("s/good.tar.gz", [ShardItem.FromBytes("g.bin", TestData.Random(10, 1))]);
        var missing = new ShardEntry(store.ResolveKey("s/missing.tar.gz")) { Compression = ShardCompression.Gzip };
        await store.WriteManifestAsync(Manifest, [missing, good.Entry]);

        var ex = await Assert.ThrowsAsync<ShardReadException>(async () => await store.ReadObjectsAsync(Manifest).ToListAsync());
        Assert.Equal(missing.ArchiveKey, ex.ArchiveKey);
        await Assert.ThrowsAsync<ShardReadException>(async () => await store.ListManifestFilesAsync(Manifest).ToListAsync());

        var query = store.ReadObjectsAsync(Manifest, new ReadObjectsOptions { SkipUnreadableShards = true });
        var paths = new List<string?>();
        await foreach (var item in query)
        {
            paths.Add(item.Entry.MemberPath);
        }

        Assert.Equal(["g.bin"], paths);
        Assert.Equal(missing.ArchiveKey, Assert.Single(query.SkippedShards).ArchiveKey);
    }

    [Theory]
    [InlineData("s/corrupt.tar.gz")]
    [InlineData("s/corrupt.tar.bz2")]
    [InlineData("s/corrupt.tar")]
    public async Task A_corrupt_shard_is_a_shard_read_error(string key)
    {
        var store = server.CreateStore();
        var fullKey = store.ResolveKey(key);
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = fullKey, ContentBody = new string('z', 3000) });
        await store.WriteManifestAsync(Manifest, [new ShardEntry(fullKey)]);

        var ex = await Assert.ThrowsAsync<ShardReadException>(async () => await store.ReadObjectsAsync(Manifest).ToListAsync());
        Assert.Equal(fullKey, ex.ArchiveKey);
    }

    // Listing expands a shard from its internal manifest, the archive's first member: an archive
    // cut short before it ends, or one that is not the format its name says, cannot be listed.
    // (A plain tar shorter than the 64 KiB head read once asked for the rest past its end and
    // failed with the server's 416 instead.)
    [Theory]
    [InlineData(ShardCompression.Gzip, 30, "Unable to read beyond the end of the stream.")]
    [InlineData(ShardCompression.None, 600, "the archive ends inside its internal manifest '__manifest__.jsonl'.")]
    [InlineData(ShardCompression.Gzip, -1, "The archive entry was compressed using an unsupported compression method.")]
    public async Task Listing_a_manifest_with_a_corrupt_shard_fails_naming_the_archive_or_skips_it_when_asked(ShardCompression compression, int keptBytes, string reason)
    {
        var store = server.CreateStore();
        var extension = compression == ShardCompression.Gzip ? ".tar.gz" : ".tar";
        var good = await store.PutShardArchiveAsync("s/good" + extension, [ShardItem.FromBytes("g.bin", TestData.Random(10, 1))], compression);
        await store.PutShardArchiveAsync("s/whole" + extension, [ShardItem.FromBytes("c.bin", TestData.Random(5000, 2))], compression);
        var wholeBytes = await StoredContent.BytesAsync(store, "s/whole" + extension);
        var corruptKey = store.ResolveKey("s/corrupt" + extension);
        var corruptBytes = keptBytes < 0 ? TestData.Random(3000, 3) : wholeBytes[..keptBytes];
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = corruptKey, InputStream = new MemoryStream(corruptBytes) });
        await store.WriteManifestAsync(Manifest, [good.Entry, new ShardEntry(corruptKey) { Compression = compression }]);

        var ex = await Assert.ThrowsAsync<ShardReadException>(async () => await store.ListManifestFilesAsync(Manifest).ToListAsync());
        Assert.Equal(corruptKey, ex.ArchiveKey);
        Assert.Equal($"Cannot read shard archive '{corruptKey}': {reason}", ex.Message);

        var skipping = store.ListManifestFilesAsync(Manifest, new ReadObjectsOptions { SkipUnreadableShards = true });
        var listed = await skipping.ToListAsync();
        Assert.Equal([good.Entry.ArchiveKey + "#g.bin"], listed.Select(f => f.Key));
        Assert.Equal(corruptKey, Assert.Single(skipping.SkippedShards).ArchiveKey);
        Assert.Equal(corruptBytes, await StoredContent.BytesAsync(store, "s/corrupt" + extension));
    }

    [Fact]
    public async Task An_xz_shard_is_refused_with_the_archive_named()
    {
        var store = server.CreateStore();
        var key = store.ResolveKey("s/x.tar.xz");
        await store.WriteManifestAsync(Manifest, [new ShardEntry(key) { Compression = ShardCompression.Xz }]);
        var ex = await Assert.ThrowsAsync<ShardReadException>(async () => await store.ReadObjectsAsync(Manifest).ToListAsync());
        Assert.Contains("xz", ex.Message);
        await Assert.ThrowsAsync<NotSupportedException>(() => store.PutShardArchiveAsync("s/y.tar.xz", [ShardItem.FromBytes("a", new byte[1])], ShardCompression.Xz));
    }

    [Fact]
    public async Task A_member_is_not_readable_once_the_enumeration_moves_on()
    {
        var store = server.CreateStore();
        var shard = await store.PutShardArchiveAsync("s/a.tar.gz", [ShardItem.FromBytes("a", TestData.Random(10, 1)), ShardItem.FromBytes("b", TestData.Random(10, 2))]);
        await store.WriteManifestAsync(Manifest, [shard.Entry]);

        Stream? first = null;
        await foreach (var item in store.ReadObjectsAsync(Manifest))
        {
            first ??= item.Content;
        }

        Assert.Throws<InvalidOperationException>(() => first!.ReadByte());
    }

    [Fact]
    public async Task Duplicate_member_paths_are_refused_and_nothing_is_uploaded()
    {
        var store = server.CreateStore();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.PutShardArchiveAsync("s/dup.tar.gz", [ShardItem.FromBytes("a", new byte[1]), ShardItem.FromBytes("a", new byte[2])]));
        Assert.Contains("'a'", ex.Message);
        Assert.Empty(await store.ListKeysAsync("").ToListAsync());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("a\\b")]
    public void Member_paths_that_could_escape_are_refused(string path)
    {
        Assert.Throws<InvalidMemberPathException>(() => ShardItem.FromBytes(path, new byte[1]));
    }

    [Fact]
    public async Task A_source_shorter_than_declared_aborts_the_upload_and_leaves_no_archive()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = 5 * 1024 * 1024 });
        var items = new[]
        {
            ShardItem.FromBytes("first.bin", TestData.Random(6 * 1024 * 1024, 1)),
            ShardItem.FromStream("short.bin", 1000, _ => ValueTask.FromResult<Stream>(new MemoryStream(new byte[10]))),
        };

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => store.PutShardArchiveAsync("s/short.tar", items, ShardCompression.None));
        Assert.Contains("short.bin", ex.Message);
        Assert.Empty(await store.ListKeysAsync("").ToListAsync());
        var uploads = await server.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = server.Bucket, Prefix = store.ResolveKey("s/") });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }
}
