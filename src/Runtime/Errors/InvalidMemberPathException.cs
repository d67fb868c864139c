namespace S3Exchange;

/// <summary>
/// A shard member path or a download's relative path would escape its archive or target
/// folder: it is empty, absolute, contains '..' segments, '\' or control characters.
/// </summary>
public sealed class InvalidMemberPathException : S3ExchangeException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public InvalidMemberPathException(string path, string reason)
        : base($"Invalid member path '{path}': {reason}")
    {
        Path = path;
    }

    /// <summary>The rejected path.</summary>
    public string Path { get; }
}
