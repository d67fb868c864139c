namespace S3Exchange.Bench.Store;

/// <summary>Guards that both sides of a workload did the same work; a benchmark of a wrong result is worthless.</summary>
internal static class Check
{
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InvalidOperationException($"Benchmark check failed: {what} was {actual}, expected {expected}.");
        }
    }
}
