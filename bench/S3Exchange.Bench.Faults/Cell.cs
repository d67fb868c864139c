using System.Globalization;

namespace S3Exchange.Bench.Faults;

/// <summary>The runs of one workload with one retry setting at one fault rate.</summary>
internal sealed class Cell(FaultWorkload workload, RetrySetting setting, double rate)
{
    private readonly List<(TimeSpan Elapsed, WorkloadOutcome Outcome, int Faults, long Requests)> runs = [];

    public FaultWorkload Workload { get; } = workload;

    public RetrySetting Setting { get; } = setting;

    public double Rate { get; } = rate;

    public TimeSpan Median => runs.Select(r => r.Elapsed).Order().ElementAt(runs.Count / 2);

    public void Add(TimeSpan elapsed, WorkloadOutcome outcome, int faults, long requests) => runs.Add((elapsed, outcome, faults, requests));

    /// <summary>A Markdown row; the ratio is this cell's median over <paramref name="baseline"/>'s.</summary>
    public string Row(Cell baseline, string label)
    {
        var total = runs.Aggregate(new WorkloadOutcome(0, 0, 0), (sum, r) => sum + r.Outcome);
        var ratio = Median.TotalSeconds / baseline.Median.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"| {Workload.Name} | {label} | {Rate:P0} | {total.Succeeded}/{total.Operations} ({100.0 * total.Succeeded / total.Operations:F1}%) | {Median.TotalSeconds:F2} s | {ratio:F2}× | {runs.Average(r => r.Faults):F0} / {runs.Average(r => r.Requests):F0} |{(total.Foreign > 0 ? $" {total.Foreign} NOT S3Exchange exceptions" : string.Empty)}");
    }
}
