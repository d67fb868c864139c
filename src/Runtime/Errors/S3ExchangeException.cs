namespace S3Exchange;

/// <summary>The base of every exception S3Exchange throws for a condition of its own.</summary>
public class S3ExchangeException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public S3ExchangeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public S3ExchangeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
