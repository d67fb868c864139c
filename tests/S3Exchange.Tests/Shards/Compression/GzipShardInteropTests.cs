using System.Text.Json;
using Amazon.S3.Model;
using S3Exchange.Testing;
using S3Exchange.Tests.Interop;

namespace S3Exchange.Tests.Shards.Compression;

/// <summary>
/// Issue 12's constraint: a gzip shard written in parallel blocks is still ONE gzip member that
/// Python (zlib, tarfile in stream mode, the reference's reading path), GNU gzip and tar, and
/// .NET's GZipStream all read, member for member; and a shard that fails midway leaves nothing.
/// </summary>
[Collection("S3")]
public sealed class GzipShardInteropTests(S3ServerFixture server)
{
    private const int Block = BlockGzipStream.BlockSize;

    [Fact]
    public async Task A_gzip_shard_of_mixed_members_over_several_blocks_is_one_member_every_reader_reads()
    {
        var store = server.CreateStore();
        var members = new (string Path, byte[] Data)[]
        {
            ("text/log.txt", GzipReference.Text((2 * Block) + 777)),      // compresses; crosses two block boundaries
            ("random/blob.bin", TestData.Random((3 * Block) / 2, 1)),      // stored; crosses one
            ("features/six-bit.bin", TestData.SixBit(Block + 4321, 4)),     // entropy-coded only; crosses one
            ("empty.txt", []),
            ("mixed.bin", BlockGzipStreamTests.Mixed(Block + 3, 2)),
            ("small.txt", "small\n"u8.ToArray()),
        };
        const string key = "interop/mixed.tar.gz";
        var shard = await store.PutShardArchiveAsync(key, members.Select(m => ShardItem.FromBytes(m.Path, m.Data)), ShardCompression.Gzip);
        var archive = await TestData.ReadAllAsync(await store.GetObjectAsync(key));
        var expected = members.Select(m => (m.Path, (long)m.Data.Length, TestData.Sha256(m.Data))).ToList();

        using var folder = new TempFolder();
        var file = Path.Combine(folder.Root, "shard.tar.gz");
        await File.WriteAllBytesAsync(file, archive);

        // Python: one member to its end, nothing after it; tarfile r|gz sees every member.
        using var check = JsonDocument.Parse(await PythonScript.RunAsync("check_gzip.py", null, file, "--tar"));
        Assert.Equal((true, 0), (check.RootElement.GetProperty("eof").GetBoolean(), check.RootElement.GetProperty("unused").GetInt32()));
        var listed = check.RootElement.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal("__manifest__.jsonl", listed[0].GetProperty("name").GetString());
        Assert.Equal(expected, listed.Skip(1).Select(m => (m.GetProperty("name").GetString()!, m.GetProperty("size").GetInt64(), m.GetProperty("sha256").GetString()!)));

        // The tar stream holds several blocks, so the member really was written in parallel pieces.
        Assert.InRange(check.RootElement.GetProperty("size").GetInt64(), 4L * Block, long.MaxValue);

        // .NET's GZipStream reads the same tar bytes.
        Assert.Equal(check.RootElement.GetProperty("sha256").GetString(), TestData.Sha256(GzipReference.Decompress(archive)));

        // GNU gzip checks the CRC and length; GNU tar extracts each member with its bytes.
        Assert.Equal(0, (await ChildProcess.RunAsync("gzip", ["-t", file], null, TimeSpan.FromMinutes(1))).ExitCode);
        var extracted = Path.Combine(folder.Root, "x");
        Directory.CreateDirectory(extracted);
        var tar = await ChildProcess.RunAsync("tar", ["xzf", file, "-C", extracted], null, TimeSpan.FromMinutes(1));
        Assert.True(tar.ExitCode == 0, tar.Output);
        Assert.All(members, m => Assert.Equal(m.Data, File.ReadAllBytes(Path.Combine(extracted, m.Path))));

        // The reference's reading path (boto3 + tarfile) through a manifest that lists the shard.
        await store.PutShardedAsync("interop/manifest.jsonl", [shard.Entry]);
        using var read = JsonDocument.Parse(await PythonScript.RunAsync("read_manifest.py", PythonScript.S3Environment(server.Settings), server.Endpoint, server.Bucket, store.ResolveKey("interop/manifest.jsonl")));
        Assert.Equal(
            members.Select(m => (store.ResolveKey(key) + "#" + m.Path, TestData.Sha256(m.Data))),
            read.RootElement.GetProperty("files").EnumerateArray().Select(f => (f.GetProperty("key").GetString()!, f.GetProperty("sha256").GetString()!)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2 * Block)]
    [InlineData((2 * Block) + 1)]
    public async Task The_writer_alone_makes_one_member_python_and_gnu_gzip_accept_for_empty_and_block_multiple_input(int length)
    {
        var input = BlockGzipStreamTests.Mixed(length, 3);
        using var output = new MemoryStream();
        var gzip = new BlockGzipStream(output, 6);
        await using (gzip)
        {
            await gzip.WriteAsync(input);
            await gzip.CompleteAsync(CancellationToken.None);
        }

        using var folder = new TempFolder();
        var file = Path.Combine(folder.Root, "data.gz");
        await File.WriteAllBytesAsync(file, output.ToArray());

        using var check = JsonDocument.Parse(await PythonScript.RunAsync("check_gzip.py", null, file));
        Assert.Equal((true, 0, length, TestData.Sha256(input)), (check.RootElement.GetProperty("eof").GetBoolean(), check.RootElement.GetProperty("unused").GetInt32(), check.RootElement.GetProperty("size").GetInt32(), check.RootElement.GetProperty("sha256").GetString()));
        Assert.Equal(0, (await ChildProcess.RunAsync("gzip", ["-t", file], null, TimeSpan.FromMinutes(1))).ExitCode);
    }

    [Fact]
    public async Task A_member_whose_source_fails_midway_reaches_the_caller_and_leaves_no_object_and_no_open_upload()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = 5 * 1024 * 1024 });
        var items = new[]
        {
            // Random, so stored at its size: more than two parts are sent before the failure.
            ShardItem.FromBytes("first.bin", TestData.Random(12 * 1024 * 1024, 4)),
            ShardItem.FromStream("failing.bin", 4 * 1024 * 1024, _ => ValueTask.FromResult<Stream>(new FailingStream(3 * 1024 * 1024))),
        };

        var ex = await Assert.ThrowsAsync<IOException>(() => store.PutShardArchiveAsync("fail/shard.tar.gz", items, ShardCompression.Gzip));

        Assert.Equal("the source failed after 3145728 bytes", ex.Message);
        Assert.Empty(await store.ListKeysAsync("").ToListAsync());
        var uploads = await server.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = server.Bucket, Prefix = store.ResolveKey("fail/") });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }
}
