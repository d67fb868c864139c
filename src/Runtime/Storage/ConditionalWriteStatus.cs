namespace S3Exchange;

/// <summary>
/// How a store guards appends to root manifests on its server, as far as it has found out:
/// servers differ (Ceph RGW 16 matches <c>If-Match</c> only against the bare ETag; some servers
/// have no conditional writes at all), and the store adapts on the first append that shows it.
/// </summary>
public sealed record ConditionalWriteStatus
{
    /// <summary>Whether appends use conditional writes; false in <see cref="ConditionalWriteMode.VerifyAndRepair"/> or after an <see cref="ConditionalWriteMode.Auto"/> fallback.</summary>
    public required bool UsesConditionalWrites { get; init; }

    /// <summary>
    /// Whether <c>If-Match</c> carries the ETag without its quotes. False (the standard, quoted
    /// form that AWS documents) until the server refuses a quoted ETag that matches.
    /// </summary>
    public required bool SendsBareETags { get; init; }

    /// <summary>What the store found out about the server's conditional writes, in words; null while nothing unusual was seen.</summary>
    public string? Detected { get; init; }
}
