using System.Net;
using Amazon.S3;
using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Tests.Configuration;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden)]
    [InlineData("InvalidAccessKeyId", HttpStatusCode.Forbidden)]
    [InlineData("SignatureDoesNotMatch", HttpStatusCode.Forbidden)]
    public void Refused_credentials_are_S3XB003_and_say_where_credentials_come_from(string code, HttpStatusCode status)
    {
        var failure = FailureClassifier.Classify(new AmazonS3Exception("denied") { ErrorCode = code, StatusCode = status }, "http://s3", "builds");

        Assert.Equal("S3XB003", failure.Code);
        Assert.Contains("S3_AWS_ACCESS_KEY_ID", failure.Message);
        Assert.Contains("'builds'", failure.Message);
    }

    [Fact]
    public void A_missing_bucket_is_S3XB002_and_names_the_bucket()
    {
        var failure = FailureClassifier.Classify(new AmazonS3Exception("no") { ErrorCode = "NoSuchBucket", StatusCode = HttpStatusCode.NotFound }, "http://s3", "builds");

        Assert.Equal("S3XB002", failure.Code);
        Assert.Contains("'builds'", failure.Message);
    }

    [Fact]
    public void A_connection_failure_is_S3XB001_and_names_the_endpoint()
    {
        var failure = FailureClassifier.Classify(new AmazonS3Exception("io", new HttpRequestException("Connection refused")), "http://127.0.0.1:9", "builds");

        Assert.Equal("S3XB001", failure.Code);
        Assert.Contains("http://127.0.0.1:9", failure.Message);
    }

    [Fact]
    public void A_request_throttled_past_its_retries_is_S3XB013_naming_operation_and_key_and_the_attempts_property()
    {
        var throttled = new AmazonS3Exception("Please reduce your request rate.") { ErrorCode = "SlowDown", StatusCode = HttpStatusCode.ServiceUnavailable };
        var failure = FailureClassifier.Classify(new S3OperationException("PutObject", "artifacts/App/content/shards/x.tar.gz", throttled), "http://s3", "builds");

        Assert.Equal("S3XB013", failure.Code);
        Assert.Contains("PutObject 'artifacts/App/content/shards/x.tar.gz'", failure.Message);
        Assert.Contains("S3ExchangeMaxAttempts", failure.Message);
    }

    [Fact]
    public void A_connection_cut_short_is_S3XB013_but_a_refused_one_is_S3XB001()
    {
        var cut = new S3OperationException("GetObject", "m.jsonl", new IOException("The response ended prematurely."));
        var refused = new S3OperationException("GetObject", "m.jsonl", new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));

        Assert.Equal("S3XB013", FailureClassifier.Classify(cut, "http://s3", "builds").Code);
        Assert.Equal("S3XB001", FailureClassifier.Classify(refused, "http://s3", "builds").Code);
    }

    [Fact]
    public void Anything_else_is_S3XB099_with_its_message()
    {
        var failure = FailureClassifier.Classify(new InvalidOperationException("odd"), "http://s3", "builds");

        Assert.Equal("S3XB099", failure.Code);
        Assert.Contains("odd", failure.Message);
    }
}
