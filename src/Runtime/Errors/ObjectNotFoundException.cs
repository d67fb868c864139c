namespace S3Exchange;

/// <summary>An object (or a member of a shard archive) does not exist.</summary>
public class ObjectNotFoundException : S3ExchangeException
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    public ObjectNotFoundException(string key, Exception? innerException = null)
        : this(key, $"Object not found: '{key}'.", innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="key"/> with a message of the caller's.</summary>
    protected ObjectNotFoundException(string key, string message, Exception? innerException)
        : base(message, innerException)
    {
        Key = key;
    }

    /// <summary>The full bucket key (or virtual key) that was not found.</summary>
    public string Key { get; }
}
