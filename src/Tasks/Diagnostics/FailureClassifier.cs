using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace S3Exchange.Build.Diagnostics;

/// <summary>
/// Turns what the SDK and the runtime throw into a <see cref="BuildFailure"/> with a code and
/// advice. One place, so publish and download say the same thing about the same failure.
/// </summary>
internal static class FailureClassifier
{
    private static readonly HashSet<string> AccessErrorCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "AllAccessDisabled",
    };

    public static BuildFailure Classify(Exception exception, string endpoint, string bucket)
    {
        switch (exception)
        {
            case BuildFailure failure:
                return failure;
            case BucketNotFoundException:
                return new BuildFailure("BucketMissing", [bucket, endpoint], exception);
            case InvalidKeyTemplateException template:
                return new BuildFailure("BadTemplate", [template.Message], exception);
            case MissingPlaceholderException missing:
                return new BuildFailure("MissingVariable", [missing.Template, missing.Placeholder], exception);
            case InvalidPlaceholderValueException invalid:
                return new BuildFailure("InvalidVariableValue", [invalid.Message], exception);
            case InvalidPublishFileException file:
                return new BuildFailure("BadPublishFile", [file.Message], exception);
            case InvalidMemberPathException path:
                return new BuildFailure("UnsafePath", [path.Message], exception);
            case ContentMismatchException mismatch:
                return new BuildFailure("IntegrityMismatch", [mismatch.Message], exception);
        }

        if (FindInner<AmazonS3Exception>(exception) is { } s3)
        {
            if (s3.ErrorCode == "NoSuchBucket")
            {
                return new BuildFailure("BucketMissing", [bucket, endpoint], exception);
            }

            if (s3.StatusCode == HttpStatusCode.Forbidden || (s3.ErrorCode is { } code && AccessErrorCodes.Contains(code)))
            {
                return new BuildFailure("AccessDenied", [endpoint, bucket, s3.ErrorCode ?? "403"], exception);
            }
        }

        // A request that failed after a connection was made (throttled, 5xx, cut short); a server
        // that cannot be connected to at all is S3XB001 below.
        if (FindInner<S3OperationException>(exception) is { } failed && !CannotConnect(exception))
        {
            return new BuildFailure("RequestFailed", [failed.Message, endpoint], exception);
        }

        if (FindInner<HttpRequestException>(exception) is not null || FindInner<SocketException>(exception) is not null
            || FindInner<AmazonServiceException>(exception) is { StatusCode: 0 }
            || exception is TaskCanceledException { InnerException: TimeoutException })
        {
            return new BuildFailure("ServerUnreachable", [endpoint], exception);
        }

        return new BuildFailure("Unexpected", [exception.GetType().Name, exception.Message], exception);
    }

    private static bool CannotConnect(Exception exception) =>
        FindInner<SocketException>(exception) is
        {
            SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                or SocketError.NetworkUnreachable or SocketError.TimedOut or SocketError.TryAgain,
        };

    private static T? FindInner<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }

            if (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(FindInner<T>).FirstOrDefault(e => e is not null);
            }
        }

        return null;
    }
}
