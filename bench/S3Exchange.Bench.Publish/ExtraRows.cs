using System.Globalization;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>The rows beside the main table: rclone at its best transfer count, a republish with and without the hash cache, build #200 against build #1.</summary>
internal static class ExtraRows
{
    /// <summary>rclone's row (stored bytes beside its time), and <paramref name="ours"/> as a ratio of awscli and of rclone's best.</summary>
    public static async Task PrintRcloneAsync(S3ServerFixture server, string folder, long folderBytes, int runs, string oursLabel, TimeSpan ours, long oursStored, TimeSpan awscli)
    {
        var (transfers, trials, timed) = await RcloneCopy.MeasureAsync(server, folder, runs);
        var rclone = Median(timed);
        var stored = Stored(folderBytes, folderBytes);
        Console.WriteLine(Invariant($"| `rclone copy --transfers {transfers}` (best of {string.Join(", ", trials.Select(t => Invariant($"{t.Key}: {t.Value.TotalSeconds:0.00} s")))}) | | | **{rclone.TotalSeconds:0.00} s** (runs: {string.Join(", ", timed.Select(r => r.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))}) | | | {stored} | {awscli / rclone:0.0}× |"));
        Console.WriteLine(Invariant($"Stored: awscli and rclone {stored}, {oursLabel} {Stored(oursStored, folderBytes)}. {oursLabel}: **{awscli / ours:0.0}× awscli**, **{rclone / ours:0.0}× rclone --transfers {transfers}** ({ours.TotalSeconds:0.00} s vs {awscli.TotalSeconds:0.00} s vs {rclone.TotalSeconds:0.00} s)."));
    }

    /// <summary>A from-scratch republish of the unchanged folder, without and with the hash cache.</summary>
    public static async Task PrintRepublishAsync(S3ServerFixture server, string folder)
    {
        var (without, with) = await RepublishWithCache.RunAsync(server, folder);
        Console.WriteLine();
        Console.WriteLine("Republish of the unchanged folder from scratch (list, hash or cache, plan, HEADs, manifest), requests counted at a pass-through proxy:");
        Console.WriteLine("| | time | files read and hashed | requests | PUTs |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(Invariant($"| no hash cache | {without.Elapsed.TotalSeconds:0.00} s | {without.FilesHashed} | {without.Requests} | {without.Puts} |"));
        Console.WriteLine(Invariant($"| hash cache | {with.Elapsed.TotalSeconds:0.00} s | {with.FilesHashed} | {with.Requests} | {with.Puts} |"));
        Console.WriteLine(Invariant($"| cache / no cache | {with.Elapsed / without.Elapsed:0.00}× | | | |"));
    }

    /// <summary>Build #200 against builds #1 and #2, medians of <paramref name="runs"/> histories (each publish timed once).</summary>
    public static async Task PrintBuildHistoryAsync(S3ServerFixture server, string root, int runs)
    {
        var histories = new List<(BuildPublishCost First, BuildPublishCost Second, BuildPublishCost Last)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            histories.Add(await BuildHistory.RunAsync(server, root));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Build history: {BuildHistory.Builds} builds of {BuildHistory.FilesPerBuild} files (2-32 KiB), {BuildHistory.ChangedPerBuild} files changed per build, one content prefix, hash cache on; median of {runs} histories ({clock.Elapsed.TotalSeconds:0} s in all)"));
        Console.WriteLine("| build | requests | PUTs | files hashed | sent | time (plan + publish) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row("#1", histories.Select(h => h.First).ToList());
        Row("#2", histories.Select(h => h.Second).ToList());
        Row(Invariant($"#{BuildHistory.Builds}"), histories.Select(h => h.Last).ToList());
        var requestsRatio = Median(histories.Select(h => (double)h.Last.Requests / h.First.Requests));
        var timeRatio = Median(histories.Select(h => h.Last.Elapsed / h.First.Elapsed));
        var timeVsSecond = Median(histories.Select(h => h.Last.Elapsed / h.Second.Elapsed));
        Console.WriteLine(Invariant($"#{BuildHistory.Builds} / #1: **{requestsRatio:0.00}× requests, {timeRatio:0.00}× time** (target ≤ 1.2× both); #{BuildHistory.Builds} / #2 (the same amount of change): {Median(histories.Select(h => (double)h.Last.Requests / h.Second.Requests)):0.00}× requests, {timeVsSecond:0.00}× time"));

        static void Row(string label, IReadOnlyList<BuildPublishCost> costs) =>
            Console.WriteLine(Invariant($"| {label} | {Median(costs.Select(c => (double)c.Requests)):0} | {Median(costs.Select(c => (double)c.Puts)):0} | {Median(costs.Select(c => (double)c.FilesHashed)):0} | {Median(costs.Select(c => (double)c.BytesSent)) / 1048576.0:0.00} MiB | {Median(costs.Select(c => c.Elapsed.TotalSeconds)):0.000} s |"));
    }

    private static string Stored(long bytes, long folderBytes) => Invariant($"{bytes / 1048576.0:0.0} MiB ({100.0 * bytes / folderBytes:0}%)");

    private static TimeSpan Median(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks((long)Median(values.Select(v => (double)v.Ticks)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
