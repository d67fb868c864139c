using System.Collections.Concurrent;
using Amazon.S3.Model;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Storage;

/// <summary>
/// Which credentials sign the requests of a client made from the environment, seen by a proxy in
/// front of the server: <c>S3_AWS_*</c> when set, else the AWS default credential chain.
/// </summary>
[Collection("Environment")]
public sealed class S3ExchangeSettingsCredentialTests(S3ServerFixture server) : IClassFixture<S3ServerFixture>, IDisposable
{
    private readonly SettingsEnvironment environment = new();

    [Fact]
    public async Task Without_S3_keys_the_AWS_credential_chain_signs_with_the_AWS_variables()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", server.Settings.AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", server.Settings.SecretAccessKey);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "session-token-from-the-chain");

        var request = await SendOneRequestAsync();

        Assert.Contains($"Credential={server.Settings.AccessKeyId}/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("session-token-from-the-chain", request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task S3_keys_sign_as_basic_credentials_whatever_the_AWS_variables_say()
    {
        Environment.SetEnvironmentVariable("S3_AWS_ACCESS_KEY_ID", server.Settings.AccessKeyId);
        Environment.SetEnvironmentVariable("S3_AWS_SECRET_ACCESS_KEY", server.Settings.SecretAccessKey);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIACHAINTEST");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "other");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "session-token-from-the-chain");

        var request = await SendOneRequestAsync();

        Assert.Contains($"Credential={server.Settings.AccessKeyId}/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Null(request.Header("X-Amz-Security-Token"));
    }

    /// <summary>
    /// Lists the fixture's bucket with a client made by FromEnvironment through a proxy, one
    /// attempt; the request the proxy saw. moto takes any session token; another server may
    /// refuse the made-up one, which does not matter here.
    /// </summary>
    private async Task<ProxiedRequest> SendOneRequestAsync()
    {
        var seen = new ConcurrentQueue<ProxiedRequest>();
        await using var proxy = FaultProxy.Start(server.Endpoint, FaultPlan.None.Where(r =>
        {
            seen.Enqueue(r);
            return false;
        }));
        Environment.SetEnvironmentVariable("S3_ENDPOINT_URL", proxy.Endpoint);
        Environment.SetEnvironmentVariable("S3_REGION", server.Settings.Region);
        Environment.SetEnvironmentVariable("S3_MAX_ATTEMPTS", "1");

        using var client = S3ExchangeSettings.FromEnvironment().CreateClient();
        try
        {
            await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = server.Bucket, MaxKeys = 1 });
        }
        catch (Amazon.S3.AmazonS3Exception) when (!server.IsMoto)
        {
        }

        return Assert.Single(seen);
    }

    public void Dispose() => environment.Dispose();
}
