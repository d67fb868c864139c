using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace S3Exchange.Bench.Store;

/// <summary>The harness's report: Markdown tables, pasted as they are into docs/performance.md.</summary>
internal static class ResultTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Environment(BenchServer server, BenchSettings settings)
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(Invariant, $"""
            Machine: {System.Environment.ProcessorCount} cores, {memory:F0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC
            Server: {server.Description}
            Settings: runs={settings.Runs} (medians), MaxConcurrency={settings.MaxConcurrency}, scale={settings.Scale}
            """);
    }

    public static string Times(IEnumerable<Comparison> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| workload | store | baseline | ratio | target | store peak heap | baseline peak heap | store peak RSS (above start) | baseline peak RSS (above start) | notes |");
        text.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            text.AppendLine(Invariant, $"| {row.Workload} | {Seconds(row.Store)} | {Seconds(row.Baseline)} | {Ratio(row.Ratio)} | {row.Target} | {MiB(row.Store.PeakHeapBytes)} | {MiB(row.Baseline.PeakHeapBytes)} | {Resident(row.Store)} | {Resident(row.Baseline)} | {row.Note} |");
        }

        return text.ToString();
    }

    public static string Memory(IEnumerable<MemoryComparison> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| operation | small archive | its peak heap (live) | its peak RSS (above start) | large archive | its peak heap (live) | its peak RSS (above start) | difference (heap) | allowed (10% + one member or part) | met: live / heap |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            text.AppendLine(Invariant, $"| {row.Operation} | {MiB(row.SmallArchiveBytes)} | {MiB(row.Small.PeakHeapBytes)} ({MiB(row.Small.PeakLiveBytes)}) | {Resident(row.Small)} | {MiB(row.LargeArchiveBytes)} | {MiB(row.Large.PeakHeapBytes)} ({MiB(row.Large.PeakLiveBytes)}) | {Resident(row.Large)} | {MiB(row.Large.PeakHeapBytes - row.Small.PeakHeapBytes)} | {MiB(row.AllowanceBytes)} | {(row.LiveMeetsTarget ? "yes" : "no")} / {(row.HeapMeetsTarget ? "yes" : "no")} |");
        }

        return text.ToString();
    }

    // Ratios far below 1 (ranged reads against whole downloads) keep their significant digits.
    private static string Ratio(double ratio) => ratio >= 0.1
        ? string.Create(Invariant, $"{ratio:F2}×")
        : string.Create(Invariant, $"{ratio:0.####}× (1/{1 / ratio:F0})");

    private static string Seconds(Measurement m) => string.Create(Invariant, $"{m.Elapsed.TotalSeconds:F2} s");

    private static string Resident(Measurement m) => $"{MiB(m.PeakResidentBytes)} ({MiB(m.PeakResidentAboveStartBytes)})";

    private static string MiB(long bytes) => string.Create(Invariant, $"{bytes / (1024.0 * 1024):F1} MiB");
}
