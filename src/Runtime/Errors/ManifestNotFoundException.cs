namespace S3Exchange;

/// <summary>A manifest (root or part) does not exist.</summary>
public sealed class ManifestNotFoundException : ObjectNotFoundException
{
    /// <summary>Creates the exception for the manifest at <paramref name="key"/>.</summary>
    public ManifestNotFoundException(string key, Exception? innerException = null)
        : base(key, $"Manifest not found: '{key}'.", innerException)
    {
    }
}
