using System.Net;
using Amazon.Runtime;

namespace S3Exchange;

/// <summary>
/// A request to the S3 server failed for good, after the SDK's retries: the server answered
/// with an error (e.g. <c>503 SlowDown</c>, <c>500 InternalError</c>, <c>403 AccessDenied</c>),
/// or the connection failed (refused, reset, cut short mid-request or mid-response). It names
/// the operation and the key; the SDK's or the network's exception is the inner exception.
/// Missing objects and buckets keep their own exceptions (<see cref="ObjectNotFoundException"/>,
/// <see cref="BucketNotFoundException"/>); cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class S3OperationException : S3ExchangeException
{
    /// <summary>Creates the exception for <paramref name="operation"/> on <paramref name="key"/>.</summary>
    /// <param name="operation">The S3 operation, e.g. <c>PutObject</c>.</param>
    /// <param name="key">The key, prefix or first key of a batch the operation was about.</param>
    /// <param name="innerException">What the SDK or the network threw.</param>
    public S3OperationException(string operation, string key, Exception innerException)
        : base(Describe(operation, key, innerException), innerException)
    {
        Operation = operation;
        Key = key;
        if (ServerAnswer(innerException) is { } service)
        {
            StatusCode = service.StatusCode;
            ErrorCode = service.ErrorCode;
        }
    }

    /// <summary>
    /// The S3 operation that failed: <c>GetObject</c>, <c>HeadObject</c>, <c>PutObject</c>,
    /// <c>CreateMultipartUpload</c>, <c>UploadPart</c>, <c>CompleteMultipartUpload</c>,
    /// <c>AbortMultipartUpload</c>, <c>DeleteObject</c>, <c>DeleteObjects</c> or <c>ListObjectsV2</c>.
    /// </summary>
    public string Operation { get; }

    /// <summary>
    /// The full bucket key the operation was about; for <c>ListObjectsV2</c> the listed prefix,
    /// for <c>DeleteObjects</c> the first key of the batch.
    /// </summary>
    public string Key { get; }

    /// <summary>The server's (last) error code (e.g. <c>SlowDown</c>); null when no answer came (a network failure).</summary>
    public string? ErrorCode { get; }

    /// <summary>The server's HTTP status; null when no answer came (a network failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether the server never answered: the connection failed or was cut short.</summary>
    public bool IsNetworkFailure => StatusCode is null && InnerException is not AmazonClientException;

    // The SDK reports an answer itself, or (giving up without a retry) inside its client exception.
    private static AmazonServiceException? ServerAnswer(Exception inner) =>
        inner as AmazonServiceException is { StatusCode: not 0 } service ? service
        : inner is AmazonClientException && inner.InnerException is AmazonServiceException { StatusCode: not 0 } last ? last
        : null;

    private static string Describe(string operation, string key, Exception inner) => (ServerAnswer(inner), inner) switch
    {
        ({ } service, AmazonClientException client) =>
            $"{operation} '{key}' failed: the server answered {(int)service.StatusCode} {service.ErrorCode}: {service.Message} ({client.Message})",
        ({ } service, _) =>
            $"{operation} '{key}' failed: the server answered {(int)service.StatusCode} {service.ErrorCode}: {service.Message}",
        (null, IOException or HttpRequestException or System.Net.Sockets.SocketException or AmazonServiceException) =>
            $"{operation} '{key}' failed: no answer from the server ({inner.GetType().Name}: {inner.Message})",
        _ => $"{operation} '{key}' failed: {inner.GetType().Name}: {inner.Message}",
    };
}
