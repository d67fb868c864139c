using Microsoft.Extensions.Logging;

namespace S3Exchange;

/// <summary>
/// What one store has learnt about its server's conditional writes: the probe's verdict,
/// taken once on the first append, and any later fallback. Thread-safe.
/// </summary>
internal sealed class ConditionalWriteSupport(ConditionalWriteMode mode, bool trustsConditionalWrites, ILogger logger, string bucket)
{
    private readonly object gate = new();
    private bool reported;
    private ConditionalWriteStatus status = new()
    {
        UsesConditionalWrites = mode != ConditionalWriteMode.VerifyAndRepair,
        SendsBareETags = false,
        VerifiesAfterWrite = !trustsConditionalWrites,
        Detected = trustsConditionalWrites || mode == ConditionalWriteMode.VerifyAndRepair
            ? null
            : "An S3-compatible server: If-Match is not trusted as an atomic compare-and-swap (moto and Ceph RGW 16 can answer 200 to two writes on one ETag); every append is read back after VerifyDelay (set AtomicConditionalWrites for a server that guarantees it).",
    };

    private Task? probe;

    public ConditionalWriteMode Mode { get; } = mode;

    public ConditionalWriteStatus Status => Volatile.Read(ref status);

    /// <summary>
    /// Runs <paramref name="probeAsync"/> once for the store; concurrent first appends wait for
    /// the same probe. A probe that fails (the server unreachable) is run again next time.
    /// </summary>
    public async Task EnsureProbedAsync(Func<Task> probeAsync)
    {
        Task current;
        bool first;
        lock (gate)
        {
            first = !reported;
            reported = true;
            current = probe ??= probeAsync();
        }

        // What was known before any probe (an S3-compatible server is not trusted) is logged
        // once, with the first append; what a probe or fallback finds is logged as it is found.
        if (first && Status.Detected is { } known)
        {
            S3ExchangeLog.ConditionalWritesDetected(logger, bucket, known);
        }

        try
        {
            await current.ConfigureAwait(false);
        }
        catch
        {
            lock (gate)
            {
                if (ReferenceEquals(probe, current))
                {
                    probe = null;
                }
            }

            throw;
        }
    }

    /// <summary>
    /// The server refused a quoted If-Match ETag that matched and took the bare one: RGW 16's
    /// reading, where the check is also made before the write lock, so appends are read back.
    /// </summary>
    public void UseBareETags(string key) => Update(s => s with
    {
        SendsBareETags = true,
        VerifiesAfterWrite = true,
        Detected = $"The server refused If-Match with the quoted ETag of the unchanged '{key}' and took the bare ETag (as Ceph RGW 16 does, which also checks If-Match before it locks the object); If-Match is sent bare and every append is read back after VerifyDelay.",
    });

    /// <summary>The server refuses conditions that hold, or has none; appends fall back to verify-and-repair.</summary>
    public void FallBack(string behaviour) => Update(s => s with { UsesConditionalWrites = false, Detected = behaviour });

    private void Update(Func<ConditionalWriteStatus, ConditionalWriteStatus> change)
    {
        string? detected;
        lock (gate)
        {
            var before = status;
            var after = change(before);
            Volatile.Write(ref status, after);
            detected = after.Detected != before.Detected ? after.Detected : null;
        }

        if (detected is not null)
        {
            S3ExchangeLog.ConditionalWritesDetected(logger, bucket, detected);
        }
    }
}
