namespace S3Exchange.Bench.Store;

/// <summary>The harness's command line.</summary>
/// <param name="Runs">Timed runs of each side of each workload; the table shows medians.</param>
/// <param name="MaxConcurrency">The store's <see cref="S3ExchangeStoreOptions.MaxConcurrency"/>, and the baselines' degree of parallelism.</param>
/// <param name="Scale">Multiplies every workload's object count and size (1 = as specified).</param>
/// <param name="Only">Names of the workloads to run; empty for all.</param>
/// <param name="Sweep">Also time put-sharded and download-many at several degrees of concurrency.</param>
internal sealed record BenchSettings(int Runs, int MaxConcurrency, double Scale, IReadOnlySet<string> Only, bool Sweep)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(3, new S3ExchangeStoreOptions().MaxConcurrency, 1.0, new HashSet<string>(StringComparer.OrdinalIgnoreCase), false);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--runs" => settings with { Runs = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--concurrency" => settings with { MaxConcurrency = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--scale" => settings with { Scale = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--only" => settings with { Only = new HashSet<string>(Value().Split(','), StringComparer.OrdinalIgnoreCase) },
                "--sweep" => settings with { Sweep = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --runs N, --concurrency N, --scale X, --only a,b, --sweep."),
            };
        }

        return settings;
    }

    /// <summary>A count or size from the specification, scaled, at least <paramref name="minimum"/>.</summary>
    public int Scaled(int specified, int minimum = 1) => Math.Max(minimum, (int)Math.Round(specified * Scale));

    public bool Selected(string name) => Only.Count == 0 || Only.Contains(name);
}
