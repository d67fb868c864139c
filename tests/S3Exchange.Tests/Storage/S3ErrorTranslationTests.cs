using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace S3Exchange.Tests.Storage;

public sealed class S3ErrorTranslationTests
{
    [Fact]
    public void The_SDK_giving_up_for_lack_of_retry_capacity_is_an_S3OperationException_with_the_last_answer()
    {
        // What adaptive mode throws once its retry capacity is spent (docs/faults.md).
        var last = new AmazonS3Exception("Please reduce your request rate.") { ErrorCode = "SlowDown", StatusCode = HttpStatusCode.ServiceUnavailable };
        var gaveUp = new AmazonClientException("While attempting to retry a request error capacity could not be obtained.", last);

        var translated = Assert.IsType<S3OperationException>(S3ErrorTranslation.Translate(gaveUp, "b", S3Operations.PutObject, "k"));

        Assert.Equal(("SlowDown", HttpStatusCode.ServiceUnavailable, false), (translated.ErrorCode, translated.StatusCode, translated.IsNetworkFailure));
        Assert.Contains("PutObject 'k' failed: the server answered 503 SlowDown", translated.Message);
    }

    [Fact]
    public void A_connection_cut_short_is_a_network_failure_and_cancellation_is_left_alone()
    {
        var cut = Assert.IsType<S3OperationException>(S3ErrorTranslation.Translate(new IOException("The response ended prematurely."), "b", S3Operations.GetObject, "k"));

        Assert.True(cut.IsNetworkFailure);
        Assert.Null(S3ErrorTranslation.Translate(new OperationCanceledException(), "b", S3Operations.GetObject, "k"));
        Assert.Null(S3ErrorTranslation.Translate(new TaskCanceledException(), "b", S3Operations.GetObject, "k"));
    }
}
