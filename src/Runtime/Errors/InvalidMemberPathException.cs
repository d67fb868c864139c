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

    /// <summary>Creates the exception for <paramref name="path"/>, the download path of the manifest entry <paramref name="key"/>.</summary>
    public InvalidMemberPathException(string path, string reason, string key)
        : base($"Refusing to write '{key}' to '{path}': {reason}. Nothing was written.")
    {
        Path = path;
        Key = key;
    }

    /// <summary>The rejected path.</summary>
    public string Path { get; }

    /// <summary>The key of the manifest entry the path belongs to, when the path is a download's.</summary>
    public string? Key { get; }
}
