namespace S3Exchange;

/// <summary>
/// A fetched object's size or SHA-256 differs from what its manifest entry records: the stored
/// object was changed or damaged after it was published. The file is not left in the folder.
/// </summary>
public sealed class ContentMismatchException : S3ExchangeException
{
    /// <summary>Creates the exception for the object at <paramref name="key"/>.</summary>
    /// <param name="key">The object's full bucket key (or virtual key).</param>
    /// <param name="property">What differs: <c>size</c> or <c>sha256</c>.</param>
    /// <param name="expected">What the manifest records.</param>
    /// <param name="actual">What was read.</param>
    public ContentMismatchException(string key, string property, string expected, string actual)
        : base($"'{key}' has {property} {actual} but the manifest records {expected}. The stored object was changed or damaged after publishing; publish it again.")
    {
        Key = key;
        Property = property;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The object's full bucket key (or virtual key).</summary>
    public string Key { get; }

    /// <summary>What differs: <c>size</c> or <c>sha256</c>.</summary>
    public string Property { get; }

    /// <summary>The value the manifest records.</summary>
    public string Expected { get; }

    /// <summary>The value of the bytes read.</summary>
    public string Actual { get; }
}
