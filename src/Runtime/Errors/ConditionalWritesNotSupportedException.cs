namespace S3Exchange;

/// <summary>The server answered a conditional write (If-Match / If-None-Match) with "not implemented".</summary>
public sealed class ConditionalWritesNotSupportedException : S3ExchangeException
{
    /// <summary>Creates the exception for the write of <paramref name="key"/>.</summary>
    public ConditionalWritesNotSupportedException(string key, Exception? innerException = null)
        : base($"The server does not implement conditional writes (writing '{key}'); set S3ExchangeStoreOptions.ConditionalWrites to VerifyAndRepair or Auto.", innerException)
    {
        Key = key;
    }

    /// <summary>The key whose write was refused.</summary>
    public string Key { get; }
}
