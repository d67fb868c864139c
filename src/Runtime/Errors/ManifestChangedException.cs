namespace S3Exchange;

/// <summary>
/// A manifest was rewritten (or deleted) while it was being read: the read had stopped after a
/// <c>manifest_ref</c> entry to read the referenced manifest, and the rest of the manifest
/// was no longer the version it had started reading. The entries already returned may mix two
/// versions; read the manifest again.
/// </summary>
public sealed class ManifestChangedException : S3ExchangeException
{
    /// <summary>Creates the exception for the manifest at <paramref name="manifestKey"/>.</summary>
    public ManifestChangedException(string manifestKey, Exception? innerException = null)
        : base($"Manifest '{manifestKey}' was rewritten or deleted while it was being read (the read had set it aside at a manifest_ref entry and could not go on with the same version). Read it again.", innerException)
    {
        ManifestKey = manifestKey;
    }

    /// <summary>The key of the manifest that changed.</summary>
    public string ManifestKey { get; }
}
