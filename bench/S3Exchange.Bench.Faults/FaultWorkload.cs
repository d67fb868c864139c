namespace S3Exchange.Bench.Faults;

/// <summary>Work a caller does with a store, counted in operations that each succeed or fail.</summary>
internal abstract class FaultWorkload
{
    /// <summary>The name for <c>--only</c> and the table.</summary>
    public abstract string Name { get; }

    /// <summary>What one run does, for the table.</summary>
    public abstract string Description { get; }

    /// <summary>Runs once through <paramref name="store"/>; failures are counted, not thrown.</summary>
    public abstract Task<WorkloadOutcome> RunAsync(S3ExchangeStore store);
}

/// <summary>What one run of a workload achieved.</summary>
/// <param name="Operations">Operations attempted.</param>
/// <param name="Succeeded">Operations that succeeded.</param>
/// <param name="Foreign">Failures that were not an S3ExchangeException (there should be none).</param>
internal sealed record WorkloadOutcome(int Operations, int Succeeded, int Foreign)
{
    public static WorkloadOutcome operator +(WorkloadOutcome a, WorkloadOutcome b) =>
        new(a.Operations + b.Operations, a.Succeeded + b.Succeeded, a.Foreign + b.Foreign);

    /// <summary>The outcome of one operation that threw <paramref name="failure"/> (null: succeeded).</summary>
    public static WorkloadOutcome Of(Exception? failure) => new(1, failure is null ? 1 : 0, failure is null or S3ExchangeException ? 0 : 1);
}
