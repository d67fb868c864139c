namespace S3Exchange.Testing;

/// <summary>
/// Decides, request by request, which fault <see cref="FaultProxy"/> injects (null: none).
/// Plans are thread-safe and keep their own count of the requests they have seen, so
/// "every k-th" and "the next n" count only the requests a <see cref="Where"/> lets through.
/// </summary>
public sealed class FaultPlan
{
    private readonly Func<ProxiedRequest, Fault?> decide;

    private FaultPlan(Func<ProxiedRequest, Fault?> decide) => this.decide = decide;

    /// <summary>Relays everything faithfully.</summary>
    public static FaultPlan None { get; } = new(_ => null);

    /// <summary>Injects <paramref name="fault"/> into requests k, 2k, 3k… (counting from 1).</summary>
    public static FaultPlan EveryNth(int k, Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        long seen = 0;
        return new(_ => Interlocked.Increment(ref seen) % k == 0 ? fault : null);
    }

    /// <summary>Injects <paramref name="fault"/> into the next <paramref name="count"/> requests, then none.</summary>
    public static FaultPlan Next(int count, Fault fault)
    {
        long seen = 0;
        return new(_ => Interlocked.Increment(ref seen) <= count ? fault : null);
    }

    /// <summary>Injects <paramref name="fault"/> into every request.</summary>
    public static FaultPlan Always(Fault fault) => new(_ => fault);

    /// <summary>
    /// Injects a fault into each request with <paramref name="probability"/>, picked evenly
    /// among <paramref name="faults"/>; the draws follow <paramref name="seed"/>, so the same
    /// sequence of requests meets the same faults.
    /// </summary>
    public static FaultPlan WithProbability(double probability, int seed, params Fault[] faults)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(probability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        ArgumentOutOfRangeException.ThrowIfZero(faults.Length);
        var random = new Random(seed);
        return new(_ =>
        {
            lock (random)
            {
                return random.NextDouble() < probability ? faults[random.Next(faults.Length)] : null;
            }
        });
    }

    /// <summary>This plan applied only to requests that match <paramref name="predicate"/>; others pass untouched and uncounted.</summary>
    public FaultPlan Where(Func<ProxiedRequest, bool> predicate) => new(r => predicate(r) ? decide(r) : null);

    /// <summary>This plan, and where it injects nothing, <paramref name="other"/>.</summary>
    public FaultPlan Or(FaultPlan other) => new(r => decide(r) ?? other.decide(r));

    /// <summary>The fault for <paramref name="request"/>, or null to relay it faithfully.</summary>
    public Fault? Decide(ProxiedRequest request) => decide(request);
}
