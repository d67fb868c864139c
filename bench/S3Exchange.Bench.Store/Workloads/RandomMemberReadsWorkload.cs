using System.Text;
using ICSharpCode.SharpZipLib.Tar;

namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// Random members of one large plain tar shard read by virtual key with a fresh store (so the
/// first read also fetches the archive's index); the baseline is what the Python reference
/// does: download the whole archive and untar the member from memory, for every read.
/// </summary>
internal sealed class RandomMemberReadsWorkload(BenchServer server, BenchSettings settings, TestContent content) : Workload(server, settings)
{
    private const string ArchiveKey = "random/shard-00000.tar";

    private string prefix = null!;
    private List<ShardItem> items = null!;
    private string[] picks = null!;

    public override string Name => "random";

    private int Reads => Settings.Scaled(100, 10);

    // Each whole-archive download takes seconds on moto, so the baseline reads fewer and is scaled.
    private int BaselineReads => Math.Min(Reads, 4);

    private long ArchiveBytes => Settings.Scaled(256) * 1024L * 1024;

    protected override string Target => "≤ 0.10";

    protected override string Note => $"{items.Count:N0} members of 16–256 KiB; baseline measured on {BaselineReads} reads and scaled ×{(double)Reads / BaselineReads:F0}; store: 1 ranged GET a read + the index once";

    protected override string Describe() => $"read {Reads} random virtual keys from one {ArchiveBytes >> 20} MiB tar";

    public override async Task PrepareAsync()
    {
        prefix = BenchServer.NewPrefix(Name);
        var sizes = new List<int>();
        var random = new Random(11);
        for (long total = 0; total < ArchiveBytes;)
        {
            var size = random.Next(16 * 1024, (256 * 1024) + 1);
            sizes.Add(size);
            total += size + 512;
        }

        items = content.Items([.. sizes]);
        await Server.CreateStore(prefix, Settings.MaxConcurrency).PutShardArchiveAsync(ArchiveKey, items, ShardCompression.None).ConfigureAwait(false);
        picks = Enumerable.Range(0, Reads).Select(_ => items[random.Next(items.Count)].Path).ToArray();
    }

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var store = Server.CreateStore(prefix, Settings.MaxConcurrency);
        var buffer = new byte[256 * 1024];
        long bytes = 0;
        var measured = await Measurement.TakeAsync(async () =>
        {
            foreach (var path in picks)
            {
                await using var member = await store.GetObjectAsync($"{ArchiveKey}#{path}").ConfigureAwait(false);
                bytes += await Drain.ToEndAsync(member, buffer).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        Check.Equal(picks.Sum(p => items.First(i => i.Path == p).SizeBytes), bytes, "member bytes read");
        return measured;
    }

    protected override async Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var key = $"{prefix}/{ArchiveKey}";
        var buffer = new byte[256 * 1024];
        var measured = await Measurement.TakeAsync(async () =>
        {
            foreach (var path in picks.Take(BaselineReads))
            {
                using var response = await Server.Client.GetObjectAsync(Server.Bucket, key).ConfigureAwait(false);
                using var archive = new MemoryStream(checked((int)response.ContentLength));
                await response.ResponseStream.CopyToAsync(archive).ConfigureAwait(false);
                archive.Position = 0;
                using var tar = new TarInputStream(archive, Encoding.UTF8);
                while (tar.GetNextEntry() is { } entry && entry.Name != path)
                {
                }

                await Drain.ToEndAsync(tar, buffer).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return measured.ScaledBy((double)Reads / BaselineReads);
    }

    protected override Task CleanupAsync() => Server.DeletePrefixAsync(prefix);
}
