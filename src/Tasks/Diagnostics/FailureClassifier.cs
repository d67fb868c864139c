using System.Net;
using System.Net.Http;
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
                return new BuildFailure(ErrorCodes.BucketMissing, $"Bucket '{bucket}' does not exist on {endpoint}. Create it, or set S3ExchangeBucket (or S3_BUCKET) to an existing bucket.", exception);
            case InvalidKeyTemplateException template:
                return new BuildFailure(ErrorCodes.BadTemplate, $"{template.Message} Fix the template (placeholders are {{name}} of letters, digits and '_').", exception);
            case MissingPlaceholderException missing:
                return new BuildFailure(ErrorCodes.MissingVariable, $"The key template '{missing.Template}' uses '{{{missing.Placeholder}}}', which has no value. Set the MSBuild property it comes from, or declare it with <S3ExchangeVariable Include=\"{missing.Placeholder}\" Value=\"...\" />.", exception);
            case InvalidPlaceholderValueException invalid:
                return new BuildFailure(ErrorCodes.MissingVariable, $"{invalid.Message} Change the value of the MSBuild property or item it comes from.", exception);
        }

        if (FindInner<AmazonS3Exception>(exception) is { } s3)
        {
            if (s3.ErrorCode == "NoSuchBucket")
            {
                return Classify(new BucketNotFoundException(bucket, s3), endpoint, bucket);
            }

            if (s3.StatusCode == HttpStatusCode.Forbidden || (s3.ErrorCode is { } code && AccessErrorCodes.Contains(code)))
            {
                return new BuildFailure(ErrorCodes.AccessDenied, $"Access denied by {endpoint} for bucket '{bucket}' ({s3.ErrorCode ?? "403"}). Check the credentials in S3_AWS_ACCESS_KEY_ID / S3_AWS_SECRET_ACCESS_KEY (or the AWS credential chain) and that they may read and write this bucket.", exception);
            }
        }

        // A request that failed after a connection was made (throttled, 5xx, cut short); a server
        // that cannot be connected to at all is S3XB001 below.
        if (FindInner<S3OperationException>(exception) is { } failed && !CannotConnect(exception))
        {
            return new BuildFailure(ErrorCodes.RequestFailed, $"{failed.Message} The server at {endpoint} is overloaded or the connection unreliable. Run the build again (what was stored is kept and not sent again), or raise S3ExchangeMaxAttempts (or S3_MAX_ATTEMPTS) or lower S3ExchangeMaxConcurrency.", exception);
        }

        if (FindInner<HttpRequestException>(exception) is not null || FindInner<SocketException>(exception) is not null
            || FindInner<AmazonServiceException>(exception) is { StatusCode: 0 }
            || exception is TaskCanceledException { InnerException: TimeoutException })
        {
            return new BuildFailure(ErrorCodes.ServerUnreachable, $"Cannot reach the S3 server at {endpoint}. Start it, or set S3ExchangeEndpoint (or S3_ENDPOINT_URL) to a server this machine can reach.", exception);
        }

        return new BuildFailure(ErrorCodes.Unexpected, $"{exception.GetType().Name}: {exception.Message}", exception);
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
