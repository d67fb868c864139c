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
    public void Anything_else_is_S3XB099_with_its_message()
    {
        var failure = FailureClassifier.Classify(new InvalidOperationException("odd"), "http://s3", "builds");

        Assert.Equal("S3XB099", failure.Code);
        Assert.Contains("odd", failure.Message);
    }
}
