using Amazon.Runtime;
using Amazon.S3;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Reading;

/// <summary>What the iteration tests watch with: a client with two connections, and a wait for another task's doing.</summary>
internal static class ReadingProbes
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    // Two connections: a response left open would hold one of them for good.
    public static AmazonS3Client TwoConnectionClient(S3ServerFixture server, string endpoint) => new(
        new BasicAWSCredentials(server.Settings.AccessKeyId, server.Settings.SecretAccessKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = server.Settings.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxConnectionsPerServer = 2,
        });

    // Waits for something another task does (a request reaching the proxy), failing after a minute.
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within a minute");
            await Task.Delay(10);
        }
    }
}
