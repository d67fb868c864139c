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
        Console.WriteLine(Invariant($"| `rclone copy --transfers {transfers}` (one trial at each --transfers: {string.Join(", ", trials.Select(t => Invariant($"{t.Key}: {t.Value.TotalSeconds:0.00} s")))}) | | | **{rclone.TotalSeconds:0.00} s** (runs: {string.Join(", ", timed.Select(r => r.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))}) | | | {stored} | {awscli / rclone:0.0}× |"));
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

    /// <summary>Build #200 (the last builds) against build #1 (first builds) and #2, each figure a median of <see cref="BuildHistory.Samples"/> publishes.</summary>
    public static async Task PrintBuildHistoryAsync(S3ServerFixture server, string root)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (first, second, last) = await BuildHistory.RunAsync(server, root);
        var (n, samples) = (BuildHistory.Builds, BuildHistory.Samples);
        Console.WriteLine();
        Console.WriteLine(Invariant($"Build history: {n} builds of {BuildHistory.FilesPerBuild} files (2-32 KiB), {BuildHistory.ChangedPerBuild} files changed per build, one content prefix, hash cache on ({clock.Elapsed.TotalSeconds:0} s in all); requests at a pass-through proxy"));
        Console.WriteLine("| build | requests | PUTs | files hashed | sent | time (plan + publish) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row(Invariant($"#1 (median of {samples} first builds, each in a prefix of its own)"), first);
        Row("#2", [second]);
        Row(Invariant($"#{n} (median of #{n - samples + 1}–#{n})"), last);
        var requests = Median(last.Select(c => (double)c.Requests)) / Median(first.Select(c => (double)c.Requests));
        var time = Median(last.Select(c => c.Elapsed)) / Median(first.Select(c => c.Elapsed));
        Console.WriteLine(Invariant($"#{n} / #1: **{requests:0.00}× requests, {time:0.00}× time** (target ≤ 1.2× both); #{n} / #2 (the same amount of change): {Median(last.Select(c => (double)c.Requests)) / second.Requests:0.00}× requests, {Median(last.Select(c => c.Elapsed)) / second.Elapsed:0.00}× time"));

        static void Row(string label, IReadOnlyList<PublishCost> costs) =>
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
