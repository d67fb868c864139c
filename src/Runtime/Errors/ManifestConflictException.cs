namespace S3Exchange;

/// <summary>
/// An append to a root manifest kept losing to concurrent writers until its retries ran out.
/// With conditional writes the part file it wrote has been deleted again; with
/// verify-and-repair it stays (a writer holding an older copy of the root may still write the
/// reference back), unreferenced until then.
/// </summary>
public sealed class ManifestConflictException : S3ExchangeException
{
    /// <summary>Creates the exception.</summary>
    public ManifestConflictException(string manifestKey, string partKey, int attempts)
        : base($"Could not append part '{partKey}' to manifest '{manifestKey}' after {attempts} attempts: other writers kept changing it. Retry, or raise S3ExchangeStoreOptions.ManifestUpdateAttempts.")
    {
        ManifestKey = manifestKey;
        PartKey = partKey;
    }

    /// <summary>The root manifest's key.</summary>
    public string ManifestKey { get; }

    /// <summary>The part file the append wrote, which the root does not reference.</summary>
    public string PartKey { get; }
}
