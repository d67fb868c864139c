using System.Text.Json;
using S3Exchange.Testing;
using S3Exchange.Tests.Interop;

namespace S3Exchange.Tests.Shards;

/// <summary>
/// README "Shards": "Archives are deterministic: fixed times (the Unix epoch unless
/// ShardItem.ModifiedTime is set), owners and order"; README "Publishing": each shard is "named
/// after the digest of its member list, so an unchanged file keeps its shard and an unchanged
/// shard its key". A known input is pinned to its archive's SHA-256 and its content-addressed key,
/// computed once from this code; a change to the tar layout, the internal manifest, the digest
/// or the compressor changes them and fails here (then bump ContentKeys' format version, since
/// published keys would otherwise name different bytes). Python's tarfile checks each archive.
/// </summary>
/// <remarks>
/// The internal manifest records its members' full keys, so the base prefix is part of the
/// archive bytes: these stores use a fixed one, and every run writes the same keys, with the same
/// bytes. The gzip figures are those of BlockGzipStream over .NET 10's zlib-ng at the default
/// level (2): its own header (MTIME 0, OS 255) is the same on every platform, the deflate
/// data is zlib-ng's; plain tar is the same everywhere.
/// </remarks>
[Collection("S3")]
public sealed class ArchiveDeterminismTests(S3ServerFixture server)
{
    private const string BasePrefix = "s3x-determinism";
    private const int Executable = 0b111_101_101;

    // ContentKeys.ShardDigest of Files (checked once by hand in Python: SHA-256 of
    // "s3exchange-build-shard/1 tar+none\n", or "…+gzip-2 blocks/3\n" at the default level and
    // .NET 10's BlockGzipStream.Recipe, then "path\0size\0sha256\0mode\n" per file, the mode in 4
    // octal digits).
    private const string NoneKey = "pinned/App/content/shards/0c438113ac96f369f0d8cdab89bfef9ecab9a021e9cc36b39141c3e55d8d2629.tar";
    private const string GzipKey = "pinned/App/content/shards/ee9ba73d8615dc48125b2056312ada409af9f2907f82181201dac4a7d6eb34e6.tar.gz";
    private static readonly DateTimeOffset Modified = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static readonly (string Path, byte[] Data, int Mode)[] Files =
    [
        ("a.txt", "alpha\n"u8.ToArray(), ShardItem.DefaultUnixMode),
        ("bin/tool", [.. Enumerable.Range(0, 256).Select(i => (byte)i)], Executable),
        ("docs/readme.md", "# readme\n"u8.ToArray(), ShardItem.DefaultUnixMode),
        ("übung/straße.txt", "ü\n"u8.ToArray(), ShardItem.DefaultUnixMode),   // a pax header: not ASCII
    ];

    [Theory]
    [InlineData(ShardCompression.None, 10240, "314a8bafcb707db2be38ec1817ec4f6a5222b39a21ae1d2c6a11aa2d7e05e189")]
    [InlineData(ShardCompression.Gzip, 796, "2647586eeeda51e8b6d532ba786808c93a86fc08e0aa31cebe03226ce6b743f8")]
    public async Task A_known_shard_archive_has_a_pinned_size_and_SHA256_and_python_reads_its_members(ShardCompression compression, long size, string sha256)
    {
        var store = S3ExchangeStore.Create(server.Settings, new S3ExchangeStoreOptions { BasePrefix = BasePrefix });
        var items = Files.Select((f, i) => ShardItem.FromBytes(f.Path, f.Data) with { UnixMode = f.Mode, ModifiedTime = i == 2 ? Modified : null });
        var key = "pinned/shard" + ShardCompressionNames.FileExtension(compression);

        var shard = await store.PutShardArchiveAsync(key, items, compression);

        var archive = await TestData.ReadAllAsync(await store.GetObjectAsync(key));
        Assert.Equal((size, sha256), (archive.LongLength, TestData.Sha256(archive)));
        Assert.Equal(size, shard.Entry.SizeBytes);
        await AssertPythonReadsAsync(archive, Files.Select((f, i) => (f.Path, f.Data, f.Mode, i == 2 ? Modified.ToUnixTimeSeconds() : 0)), shard.Members.Select(m => m.Key));
    }

    [Theory]
    [InlineData(ShardCompression.None, NoneKey)]
    [InlineData(ShardCompression.Gzip, GzipKey)]
    public void The_publish_planner_names_a_known_member_list_with_a_pinned_content_key(ShardCompression compression, string key)
    {
        var files = Files.Select(f => new PublishFile(f.Path, "/nowhere/" + f.Path, f.Data.Length, TestData.Sha256(f.Data), f.Mode)).ToList();

        var plan = PublishPlanner.Plan(files, Request("/nowhere", compression), S3ExchangeStoreOptions.DefaultShardCompressionLevel);

        Assert.Equal(key, Assert.Single(plan.Shards).Key);
    }

    [Theory]
    [InlineData(ShardCompression.None, NoneKey, "3d2b19091bda52ba3fb91fdce5ccd9d0347990c265a0de6d933b67cff328a098")]
    [InlineData(ShardCompression.Gzip, GzipKey, "66c86d009ed6e3cd6be97643ec2eb309c50d0e4f974899fd7d71254cc8229260")]
    public async Task Publishing_a_known_folder_stores_a_pinned_archive_under_its_pinned_content_key(ShardCompression compression, string key, string sha256)
    {
        var store = S3ExchangeStore.Create(server.Settings, new S3ExchangeStoreOptions { BasePrefix = BasePrefix });
        using var folder = new TempFolder();
        foreach (var (path, data, mode) in Files)
        {
            var full = Path.Combine(folder.Root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, data);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(full, (UnixFileMode)mode);   // Windows has none: the planner would see 0644 and name another shard
            }
        }

        var report = await store.PublishAsync(Request(folder.Root, compression));

        Assert.Equal(key, Assert.Single(report.Plan.Shards).Key);
        var archive = await TestData.ReadAllAsync(await store.GetObjectAsync(key));
        Assert.Equal(sha256, TestData.Sha256(archive));
        await AssertPythonReadsAsync(archive, Files.Select(f => (f.Path, f.Data, f.Mode, 0L)), Files.Select(f => store.ResolveKey(key) + "#" + f.Path));
    }

    private static PublishRequest Request(string folder, ShardCompression compression) => new()
    {
        Folder = folder,
        Files = folder == "/nowhere" ? [] : PublishSource.FromFolder(folder),
        ManifestKey = "pinned/App/1.0/manifest.jsonl",
        ContentPrefix = "pinned/App/content",
        Compression = compression,
    };

    // Python's tarfile reads the archive: the internal manifest first, listing the members' keys,
    // then each member with its bytes, mode and time, owned by uid/gid 0 with no owner names.
    private static async Task AssertPythonReadsAsync(byte[] archive, IEnumerable<(string Path, byte[] Data, int Mode, long MTime)> expected, IEnumerable<string> keys)
    {
        var path = Path.Combine(Path.GetTempPath(), $"s3x-pinned-{Guid.NewGuid():N}.tar");
        await File.WriteAllBytesAsync(path, archive);
        try
        {
            using var listing = JsonDocument.Parse(await PythonScript.RunAsync("list_tar.py", null, path));
            var members = listing.RootElement.GetProperty("members").EnumerateArray().ToList();
            Assert.Equal("__manifest__.jsonl", members[0].GetProperty("name").GetString());
            Assert.Equal(keys, listing.RootElement.GetProperty("manifest").EnumerateArray().Select(e => e.GetProperty("key").GetString()));
            Assert.Equal(
                expected.Select(e => (e.Path, "0", (long)e.Data.Length, e.Mode, e.MTime, TestData.Sha256(e.Data))),
                members.Skip(1).Select(m => (m.GetProperty("name").GetString()!, m.GetProperty("type").GetString()!, m.GetProperty("size").GetInt64(), m.GetProperty("mode").GetInt32(), m.GetProperty("mtime").GetInt64(), m.GetProperty("sha256").GetString()!)));
            Assert.All(members, m => Assert.Equal((0, 0, "", ""), (m.GetProperty("uid").GetInt32(), m.GetProperty("gid").GetInt32(), m.GetProperty("uname").GetString(), m.GetProperty("gname").GetString())));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
