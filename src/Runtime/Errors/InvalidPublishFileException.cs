namespace S3Exchange;

/// <summary>
/// A file given to publish cannot be stored: it is missing, two files claim one relative path,
/// its relative path would escape the folder, or it is a symlink that dangles or leads out of
/// the folder. Nothing was sent.
/// </summary>
public sealed class InvalidPublishFileException : S3ExchangeException
{
    /// <summary>Creates the exception for the file at <paramref name="path"/>.</summary>
    public InvalidPublishFileException(string path, string relativePath, string message)
        : base(message)
    {
        Path = path;
        RelativePath = relativePath;
    }

    /// <summary>The file's path on disk.</summary>
    public string Path { get; }

    /// <summary>The file's path below the published folder.</summary>
    public string RelativePath { get; }
}
