namespace S3Exchange;

/// <summary>A manifest line is not a valid entry.</summary>
public sealed class InvalidManifestException : S3ExchangeException
{
    /// <summary>Creates the exception for line <paramref name="lineNumber"/> of <paramref name="manifestKey"/>.</summary>
    public InvalidManifestException(string manifestKey, int lineNumber, string reason, Exception? innerException = null)
        : base($"Invalid manifest '{manifestKey}', line {lineNumber}: {reason}", innerException)
    {
        ManifestKey = manifestKey;
        LineNumber = lineNumber;
    }

    /// <summary>The key of the manifest (or part, or shard's internal manifest) at fault.</summary>
    public string ManifestKey { get; }

    /// <summary>The 1-based line number; 0 when the fault is not one line's.</summary>
    public int LineNumber { get; }
}
