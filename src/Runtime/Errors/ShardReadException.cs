namespace S3Exchange;

/// <summary>A shard archive could not be read: missing, truncated, corrupt, or of an unsupported format.</summary>
public sealed class ShardReadException : S3ExchangeException
{
    /// <summary>Creates the exception for <paramref name="archiveKey"/>.</summary>
    public ShardReadException(string archiveKey, string reason, Exception? innerException = null)
        : base($"Cannot read shard archive '{archiveKey}': {reason}", innerException)
    {
        ArchiveKey = archiveKey;
    }

    /// <summary>The archive's key.</summary>
    public string ArchiveKey { get; }
}
