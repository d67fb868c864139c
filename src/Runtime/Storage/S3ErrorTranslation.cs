using System.Net;
using Amazon.S3;

namespace S3Exchange;

/// <summary>Maps the SDK's exceptions to this library's, so callers see the key at fault.</summary>
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

    /// <summary>The library exception for <paramref name="ex"/>, or null to let the SDK's stand.</summary>
    public static Exception? Translate(AmazonS3Exception ex, string bucket, string key)
    {
        if (IsBucketMissing(ex))
        {
            return new BucketNotFoundException(bucket, ex);
        }

        return IsNotFound(ex) ? new ObjectNotFoundException(key, ex) : null;
    }
}
