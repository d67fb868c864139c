using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Store;

[Collection("S3")]
public sealed class DownloadTests(S3ServerFixture server)
{
    private const string Manifest = "training/123/samples/manifest.jsonl";

    [Fact]
    public async Task Download_many_writes_members_and_loose_objects_below_the_folder()
    {
        var store = server.CreateStore();
        var loose = await store.PutObjectAsync("training/123/samples/raw/a.wav", "loose"u8.ToArray());
        var shard = await store.PutShardArchiveAsync("training/123/samples/shards/s.tar.gz", [ShardItem.FromBytes("x/1.wav", "one"u8.ToArray()), ShardItem.FromBytes("2.wav", "two"u8.ToArray())]);
        await store.WriteManifestAsync(Manifest, [loose, shard.Entry]);
        var target = Directory.CreateTempSubdirectory("s3x-dl-").FullName;

        var report = await store.DownloadManyAsync(Manifest, target);

        Assert.Equal((3, 11L), (report.FileCount, report.TotalBytes));
        Assert.Equal(["raw/a.wav", "x/1.wav", "2.wav"], report.Files);
        Assert.Equal("loose", await File.ReadAllTextAsync(Path.Combine(target, "raw", "a.wav")));
        Assert.Equal("one", await File.ReadAllTextAsync(Path.Combine(target, "x", "1.wav")));
        Assert.Equal(3, Directory.GetFiles(target, "*", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData(ShardCompression.Gzip, "s.tar.gz")]
    [InlineData(ShardCompression.None, "s.tar")]
    public async Task Download_many_reads_each_shard_in_one_pass_not_once_per_member(ShardCompression compression, string name)
    {
        var store = server.CreateStore();
        var items = Enumerable.Range(0, 12).Select(i => ShardItem.FromBytes($"m/{i:00}.bin", new byte[100 + i])).ToList();
        var shard = await store.PutShardArchiveAsync($"training/123/samples/shards/{name}", items, compression);
        await store.WriteManifestAsync(Manifest, [shard.Entry]);
        var target = Directory.CreateTempSubdirectory("s3x-pass-").FullName;
        var log = new RequestLog(store);

        var report = await store.DownloadManyAsync(Manifest, target);

        // The archive is read for its member list, then once more for every member's content.
        Assert.Equal(12, report.FileCount);
        Assert.Equal(items.Sum(i => i.SizeBytes), report.TotalBytes);
        Assert.Equal(2, log.Gets.Count(g => g.Key == shard.Entry.ArchiveKey));
        Assert.Equal(111, new FileInfo(Path.Combine(target, "m", "11.bin")).Length);
    }

    [Fact]
    public async Task Members_of_a_compressed_archive_listed_one_by_one_are_read_in_one_pass()
    {
        var store = server.CreateStore();
        var shard = await store.PutShardArchiveAsync("training/123/samples/shards/c.tar.gz", Enumerable.Range(0, 5).Select(i => ShardItem.FromBytes($"{i}.bin", new byte[10 * (i + 1)])));
        await store.WriteManifestAsync(Manifest, [shard.Members[4], shard.Members[1]]);
        var target = Directory.CreateTempSubdirectory("s3x-flat-").FullName;
        var log = new RequestLog(store);

        var report = await store.DownloadManyAsync(Manifest, target);

        Assert.Equal(["4.bin", "1.bin"], report.Files);
        Assert.Equal(70L, report.TotalBytes);
        Assert.Single(log.Gets, g => g.Key == shard.Entry.ArchiveKey);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/tmp/escape.txt")]
    [InlineData("a/../../escape.txt")]
    public async Task A_member_path_that_escapes_is_refused_before_anything_is_written(string memberPath)
    {
        var store = server.CreateStore();
        var good = await store.PutObjectAsync("training/123/samples/good.wav", "ok"u8.ToArray());

        // A hostile archive whose internal manifest and tar header both name the escaping path.
        var archiveKey = store.ResolveKey("training/123/samples/shards/evil.tar");
        var member = new FileEntry(archiveKey + "#" + memberPath) { MemberPath = memberPath, SizeBytes = 4 };
        var index = ManifestJson.ToBytes([member]);
        var archive = new MemoryStream();
        archive.Write(TarFormat.FileHeader(ShardEntry.DefaultInternalManifestPath, index.Length, 420, 0));
        archive.Write(index);
        archive.Write(new byte[TarFormat.PaddingAfter(index.Length)]);
        archive.Write(TarFormat.FileHeader(memberPath, 4, 420, 0));
        archive.Write("evil"u8);
        archive.Write(new byte[TarFormat.PaddingAfter(4)]);
        archive.Write(new byte[TarFormat.TrailerLength(archive.Length)]);
        archive.Position = 0;
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = server.Bucket, Key = archiveKey, InputStream = archive });
        await store.WriteManifestAsync(Manifest, [good, new ShardEntry(archiveKey) { Compression = ShardCompression.None }]);

        var parent = Directory.CreateTempSubdirectory("s3x-evil-").FullName;
        var target = Path.Combine(parent, "target");
        var ex = await Assert.ThrowsAsync<InvalidMemberPathException>(() => store.DownloadManyAsync(Manifest, target));

        Assert.Equal(memberPath, ex.Path);
        Assert.False(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any());
        Assert.Empty(Directory.GetFiles(parent, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/escape.txt"));
    }

    // A loose entry lands at its key relative to the manifest's folder, else at its full key;
    // a key that would leave the target folder that way is refused for the whole manifest: the
    // paths are checked before the first GET, so the good entry listed before it is not written
    // either, and the stored objects are untouched.
    [Theory]
    [InlineData("../escape.txt", "../escape.txt", "it contains a '..' segment")]
    [InlineData("/tmp/escape.txt", "/tmp/escape.txt", "it is absolute")]
    [InlineData("{folder}/../../../../escape.txt", "../../../../escape.txt", "it contains a '..' segment")]
    [InlineData("{folder}/raw//escape.txt", "raw//escape.txt", "it contains an empty or '.' segment")]
    public async Task A_loose_key_that_escapes_is_refused_naming_the_key_and_nothing_is_written(string hostileKeyTemplate, string downloadPath, string reason)
    {
        var store = server.CreateStore();
        var hostileKey = hostileKeyTemplate.Replace("{folder}", store.ResolveKey("training/123/samples"), StringComparison.Ordinal);
        var good = await store.PutObjectAsync("training/123/samples/good.wav", "ok"u8.ToArray());
        await store.WriteManifestAsync(Manifest, [good, new FileEntry(hostileKey) { SizeBytes = 4 }]);

        var parent = Directory.CreateTempSubdirectory("s3x-evil-key-").FullName;
        var target = Path.Combine(parent, "target");
        var ex = await Assert.ThrowsAsync<InvalidMemberPathException>(() => store.DownloadManyAsync(Manifest, target));

        Assert.Equal(hostileKey, ex.Key);
        Assert.Equal(downloadPath, ex.Path);
        Assert.Equal($"Refusing to write '{hostileKey}' to '{downloadPath}': Invalid member path '{downloadPath}': {reason}. Nothing was written.", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(parent, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/escape.txt"));
        Assert.Equal("ok"u8.ToArray(), await StoredContent.BytesAsync(store, "training/123/samples/good.wav"));
        Directory.Delete(parent);
    }

    [Fact]
    public async Task A_loose_key_outside_the_manifest_folder_lands_at_its_full_key()
    {
        var store = server.CreateStore();
        var elsewhere = await store.PutObjectAsync("other/place/z.bin", "z"u8.ToArray());
        await store.WriteManifestAsync(Manifest, [elsewhere]);
        var target = Directory.CreateTempSubdirectory("s3x-full-").FullName;

        var report = await store.DownloadManyAsync(Manifest, target);

        Assert.Equal(elsewhere.Key, Assert.Single(report.Files));
        Assert.True(File.Exists(Path.Combine(target, elsewhere.Key)));
    }
}
