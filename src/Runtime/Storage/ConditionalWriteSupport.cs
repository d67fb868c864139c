namespace S3Exchange;

/// <summary>
/// What one store has learnt about its server's conditional writes. Written at most twice in a
/// store's life (bare ETags, then no conditions), read on every append; thread-safe.
/// </summary>
internal sealed class ConditionalWriteSupport(ConditionalWriteMode mode)
{
    private readonly object gate = new();
    private ConditionalWriteStatus status = new()
    {
        UsesConditionalWrites = mode != ConditionalWriteMode.VerifyAndRepair,
        SendsBareETags = false,
    };

    public ConditionalWriteMode Mode { get; } = mode;

    public ConditionalWriteStatus Status => Volatile.Read(ref status);

    /// <summary>The server refused a quoted If-Match ETag that matched; send them bare from now on.</summary>
    public void UseBareETags(string rootKey) => Update(s => s with
    {
        SendsBareETags = true,
        Detected = $"The server refused If-Match with the quoted ETag of an unchanged '{rootKey}'; If-Match is sent with the bare ETag (as Ceph RGW 16 expects).",
    });

    /// <summary>The server refuses conditions that hold; appends fall back to verify-and-repair.</summary>
    public void FallBack(string behaviour) => Update(s => s with { UsesConditionalWrites = false, Detected = behaviour });

    private void Update(Func<ConditionalWriteStatus, ConditionalWriteStatus> change)
    {
        lock (gate)
        {
            Volatile.Write(ref status, change(status));
        }
    }
}
