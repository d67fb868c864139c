namespace S3Exchange;

/// <summary>
/// The server does not honour conditional writes (If-Match / If-None-Match): it answered
/// "not implemented", or it refused a condition that holds.
/// </summary>
public sealed class ConditionalWritesNotSupportedException : S3ExchangeException
{
    /// <summary>Creates the exception for the write of <paramref name="key"/>.</summary>
    public ConditionalWritesNotSupportedException(string key, Exception? innerException = null)
        : base($"The server does not implement conditional writes (writing '{key}'); set S3ExchangeStoreOptions.ConditionalWrites to VerifyAndRepair or Auto.", innerException)
    {
        Key = key;
    }

    /// <summary>Creates the exception for a server that refused a condition that holds, described in <paramref name="behaviour"/>.</summary>
    public ConditionalWritesNotSupportedException(string key, string behaviour)
        : base($"{behaviour} Conditional writes cannot guard '{key}' on this server; set S3ExchangeStoreOptions.ConditionalWrites to VerifyAndRepair or Auto.")
    {
        Key = key;
    }

    /// <summary>The key whose write was refused.</summary>
    public string Key { get; }
}
