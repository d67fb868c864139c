namespace S3Exchange;

/// <summary>
/// Resolving a manifest's references went deeper than
/// <see cref="S3ExchangeStoreOptions.MaxManifestDepth"/>: a chain of <c>manifest_ref</c>
/// entries (each manifest referring to the next) longer than the store allows.
/// </summary>
public sealed class ManifestDepthExceededException : S3ExchangeException
{
    /// <summary>Creates the exception for the walk that started at <paramref name="rootKey"/>.</summary>
    /// <param name="rootKey">The manifest the read started from.</param>
    /// <param name="maxDepth">The limit in force.</param>
    /// <param name="referencedKey">The manifest the reference that went too deep points to.</param>
    public ManifestDepthExceededException(string rootKey, int maxDepth, string referencedKey)
        : base($"Manifest '{rootKey}' nests manifest_ref entries more than {maxDepth} deep: the reference to '{referencedKey}' would be at depth {(long)maxDepth + 1}. Raise S3ExchangeStoreOptions.MaxManifestDepth to read it.")
    {
        RootKey = rootKey;
        MaxDepth = maxDepth;
        ReferencedKey = referencedKey;
    }

    /// <summary>The key of the manifest the read started from (the chain's start).</summary>
    public string RootKey { get; }

    /// <summary>The depth limit that was exceeded (the root's references are at depth 1).</summary>
    public int MaxDepth { get; }

    /// <summary>The manifest that would have been read one level too deep.</summary>
    public string ReferencedKey { get; }
}
