namespace S3Exchange;

/// <summary>
/// An append to a root manifest kept losing to concurrent writers until its retries ran out;
/// the part file was written but is not referenced by the root.
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

    /// <summary>The part file that was written but not referenced.</summary>
    public string PartKey { get; }
}
