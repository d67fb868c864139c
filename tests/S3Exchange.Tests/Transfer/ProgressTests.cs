using S3Exchange.Testing;

namespace S3Exchange.Tests.Transfer;

/// <summary>What the long operations besides publish and fetch report through IProgress, against a real server.</summary>
[Collection("S3")]
public sealed class ProgressTests(S3ServerFixture server)
{
    private const int PartSize = 5 * 1024 * 1024;

    [Fact]
    public async Task A_multipart_put_reports_each_part_with_the_part_count_and_total_bytes()
    {
        var store = server.CreateStore(new S3ExchangeStoreOptions { PartSizeBytes = PartSize });
        using var source = new TempFolder();
        var file = source.Write("big.bin", (2 * PartSize) + 1000, 1);
        var steps = new List<TransferProgress>();

        await store.PutFileAsync("progress/big.bin", file, new PutObjectOptions { Progress = new Recorder(steps) });

        Assert.All(steps, s => Assert.Equal(TransferStep.PartUploaded, s.Step));
        Assert.Equal([1, 2, 3], steps.Select(s => s.Completed).Order());
        Assert.All(steps, s => Assert.Equal(3, s.Total));
        Assert.All(steps, s => Assert.Equal(new FileInfo(file).Length, s.TotalBytes));
        Assert.Equal(new FileInfo(file).Length, steps.Sum(s => s.Bytes));
        Assert.All(steps, s => Assert.Equal(store.ResolveKey("progress/big.bin"), s.Key));
    }

    [Fact]
    public async Task A_put_in_one_request_reports_the_file_once()
    {
        var store = server.CreateStore();
        var steps = new List<TransferProgress>();

        await store.PutObjectAsync("progress/small.bin", new byte[1234], new PutObjectOptions { Progress = new Recorder(steps) });

        var step = Assert.Single(steps);
        Assert.Equal((TransferStep.FileUploaded, 1234L, 1, 1, 1234L), (step.Step, step.Bytes, step.Completed, step.Total, step.TotalBytes!.Value));
    }

    [Fact]
    public async Task A_sharded_put_reports_each_shard_with_its_members_and_bytes()
    {
        var store = server.CreateStore();
        var items = Enumerable.Range(0, 5).Select(i => ShardItem.FromBytes($"f{i}.txt", new byte[100 + i])).ToList();
        var steps = new List<TransferProgress>();

        var shards = await store.PutItemsAsShardsAsync("progress/sharded.jsonl", items, new ShardingOptions { MaxEntries = 2, Progress = new Recorder(steps) });

        Assert.Equal(3, shards.Count);
        Assert.All(steps, s => Assert.Equal(TransferStep.ShardUploaded, s.Step));
        Assert.Equal([1, 2, 3], steps.Select(s => s.Completed).Order());
        Assert.All(steps, s => Assert.Equal(3, s.Total));
        Assert.Equal(shards.Select(s => (s.Entry.ArchiveKey, s.Members.Count, s.Entry.SizeBytes!.Value)).Order(), steps.Select(s => (s.Key, s.Files, s.Bytes)).Order());
    }

    [Fact]
    public async Task A_download_reports_its_bytes_every_8_MiB_and_the_rest_at_the_end_with_the_object_size()
    {
        var store = server.CreateStore();
        var size = (2 * DownloadProgressBytes) + 1000;
        await store.PutObjectAsync("progress/large.bin", new byte[size]);
        using var target = new TempFolder();
        var steps = new List<TransferProgress>();

        await store.DownloadAsync("progress/large.bin", Path.Combine(target.Root, "large.bin"), new Recorder(steps));

        // Reads come in pieces the network decides, so a report may hold more than 8 MiB; every
        // one but the last holds at least that, and together they are the object.
        Assert.InRange(steps.Count, 2, 3);
        Assert.All(steps[..^1], s => Assert.True(s.Bytes >= DownloadProgressBytes, s.ToString()));
        Assert.All(steps, s => Assert.Equal(TransferStep.BytesDownloaded, s.Step));
        Assert.All(steps, s => Assert.Equal(size, s.TotalBytes));
        Assert.Equal(size, steps.Sum(s => s.Bytes));
        Assert.Equal(size, new FileInfo(Path.Combine(target.Root, "large.bin")).Length);
    }

    private const int DownloadProgressBytes = DownloadProgress.ReportEveryBytes;

    private sealed class Recorder(List<TransferProgress> steps) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            lock (steps)
            {
                steps.Add(value);
            }
        }
    }
}
