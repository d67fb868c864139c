using System.Globalization;

namespace S3Exchange.Bench.Faults;

/// <summary>The harness's command line.</summary>
/// <param name="Runs">Runs of each (workload, setting, rate); the table shows medians of the times and sums of the outcomes.</param>
/// <param name="Rates">Fractions of requests that meet a fault (a 503 SlowDown, a cut request or a cut response, evenly).</param>
/// <param name="Settings">The retry settings compared.</param>
/// <param name="Only">Workloads to run; empty for all.</param>
internal sealed record FaultBenchSettings(int Runs, IReadOnlyList<double> Rates, IReadOnlyList<RetrySetting> Settings, IReadOnlySet<string> Only)
{
    public static FaultBenchSettings Parse(string[] args)
    {
        var settings = new FaultBenchSettings(
            3,
            [0, 0.02, 0.10],
            [RetrySetting.Parse("standard/3"), RetrySetting.Parse("standard/5"), RetrySetting.Parse("adaptive/5"), RetrySetting.Parse("standard/8")],
            new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--runs" => settings with { Runs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--rates" => settings with { Rates = Value().Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList() },
                "--settings" => settings with { Settings = Value().Split(',').Select(RetrySetting.Parse).ToList() },
                "--only" => settings with { Only = new HashSet<string>(Value().Split(','), StringComparer.OrdinalIgnoreCase) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --runs N, --rates 0,0.02,0.1, --settings standard/3,adaptive/5, --only puts,sharded."),
            };
        }

        return settings;
    }

    public bool Selected(string workload) => Only.Count == 0 || Only.Contains(workload);
}
