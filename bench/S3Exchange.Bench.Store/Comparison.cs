namespace S3Exchange.Bench.Store;

/// <summary>One row of the table: a workload's store and baseline figures from the same run.</summary>
/// <param name="Workload">What was done.</param>
/// <param name="Store">Median time and highest peak over the store's runs.</param>
/// <param name="Baseline">The same for the baseline.</param>
/// <param name="Target">The goal for the ratio, as text (e.g. "≤ 1.10").</param>
/// <param name="Note">Scaling and other facts a reader needs to trust the figures.</param>
internal sealed record Comparison(string Workload, Measurement Store, Measurement Baseline, string Target, string Note)
{
    /// <summary>Store time over baseline time: below 1 the store is faster.</summary>
    public double Ratio => Store.Elapsed / Baseline.Elapsed;
}
