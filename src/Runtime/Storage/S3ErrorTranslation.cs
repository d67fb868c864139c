using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace S3Exchange;

/// <summary>Maps the SDK's exceptions to this library's, so callers see the operation and the key at fault.</summary>
internal static class S3ErrorTranslation
{
    public static bool IsNotFound(AmazonS3Exception ex) =>
        ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket";

    public static bool IsBucketMissing(AmazonS3Exception ex) => ex.ErrorCode == "NoSuchBucket";

    public static bool IsPreconditionFailed(AmazonS3Exception ex) => ex.StatusCode == HttpStatusCode.PreconditionFailed;

    // 409 ConditionalRequestConflict is what AWS answers when two conditional writes race: it
    // says nothing about whether the condition held, only "try again".
    public static bool IsConditionalRequestConflict(AmazonS3Exception ex) => ex.StatusCode == HttpStatusCode.Conflict;

    public static bool IsNotImplemented(AmazonS3Exception ex) =>
        ex.StatusCode == HttpStatusCode.NotImplemented || ex.ErrorCode == "NotImplemented";

    /// <summary>
    /// Whether <paramref name="ex"/> is how a request failed: an error the server answered, a
    /// connection that failed, or the SDK giving up on its own (adaptive mode's retry capacity
    /// exhausted: an <see cref="AmazonClientException"/> around the server's last answer).
    /// Cancellation is not a failure of the request.
    /// </summary>
    public static bool IsRequestFailure(Exception ex) =>
        ex is AmazonServiceException or AmazonClientException or IOException or HttpRequestException or SocketException;

    /// <summary>
    /// Whether <paramref name="ex"/> is the server's answer to a condition the caller set
    /// (If-Match / If-None-Match): precondition failed, conflict, or conditions not implemented.
    /// Such answers reach the caller as they are, for it to act on.
    /// </summary>
    public static bool IsConditionAnswer(Exception ex) =>
        ex is AmazonS3Exception s3 && (IsPreconditionFailed(s3) || IsConditionalRequestConflict(s3) || IsNotImplemented(s3));

    /// <summary>
    /// The library exception for <paramref name="ex"/> thrown by <paramref name="operation"/> on
    /// <paramref name="key"/>, or null to let it stand (cancellation, or a bug of ours): a missing
    /// bucket, with <paramref name="notFoundIsMissingObject"/> a missing object, otherwise an
    /// <see cref="S3OperationException"/>.
    /// </summary>
    public static Exception? Translate(Exception ex, string bucket, string operation, string key, bool notFoundIsMissingObject = false)
    {
        if (ex is AmazonS3Exception s3 && IsBucketMissing(s3))
        {
            return new BucketNotFoundException(bucket, ex);
        }

        if (notFoundIsMissingObject && ex is AmazonS3Exception missing && IsNotFound(missing))
        {
            return new ObjectNotFoundException(key, ex);
        }

        return IsRequestFailure(ex) ? new S3OperationException(operation, key, ex) : null;
    }
}
