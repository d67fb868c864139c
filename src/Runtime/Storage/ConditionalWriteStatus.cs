namespace S3Exchange;

/// <summary>
/// How a store guards appends to root manifests on its server, as far as it has found out.
/// Servers differ: Ceph RGW 16 matches <c>If-Match</c> only against the bare ETag, and checks
/// it before it takes its write lock (so a 200 is not proof that the write stands); some servers
/// have no conditional writes at all. The store probes once, on its first append.
/// </summary>
public sealed record ConditionalWriteStatus
{
    /// <summary>Whether appends use conditional writes; false in <see cref="ConditionalWriteMode.VerifyAndRepair"/> or after an <see cref="ConditionalWriteMode.Auto"/> fallback.</summary>
    public required bool UsesConditionalWrites { get; init; }

    /// <summary>
    /// Whether <c>If-Match</c> carries the ETag without its quotes. False (the standard, quoted
    /// form that AWS documents) unless the server refused a quoted ETag that matched.
    /// </summary>
    public required bool SendsBareETags { get; init; }

    /// <summary>
    /// Whether each conditional append is read back after
    /// <see cref="S3ExchangeStoreOptions.VerifyDelay"/> and retried when its reference is gone:
    /// set for servers whose conditional writes are not an atomic compare-and-swap.
    /// </summary>
    public required bool VerifiesAfterWrite { get; init; }

    /// <summary>What the store found out about the server's conditional writes, in words; null while nothing unusual was seen.</summary>
    public string? Detected { get; init; }
}
