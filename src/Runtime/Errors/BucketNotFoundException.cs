namespace S3Exchange;

/// <summary>The store's bucket does not exist on the server.</summary>
public sealed class BucketNotFoundException : S3ExchangeException
{
    /// <summary>Creates the exception for <paramref name="bucket"/>.</summary>
    public BucketNotFoundException(string bucket, Exception? innerException = null)
        : base($"Bucket '{bucket}' does not exist; create it or set S3_BUCKET to an existing bucket.", innerException)
    {
        Bucket = bucket;
    }

    /// <summary>The missing bucket's name.</summary>
    public string Bucket { get; }
}
