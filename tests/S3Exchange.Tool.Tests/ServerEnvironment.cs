using S3Exchange.Testing;

namespace S3Exchange.Tool.Tests;

/// <summary>The S3_* variables that point <c>s3x</c> at the fixture's server (or at a proxy in front of it).</summary>
public static class ServerEnvironment
{
    public static Dictionary<string, string> Of(S3ServerFixture server, string? endpoint = null) => new()
    {
        ["S3_ENDPOINT_URL"] = endpoint ?? server.Endpoint,
        ["S3_REGION"] = server.Settings.Region,
        ["S3_BUCKET"] = server.Bucket,
        ["S3_AWS_ACCESS_KEY_ID"] = server.Settings.AccessKeyId!,
        ["S3_AWS_SECRET_ACCESS_KEY"] = server.Settings.SecretAccessKey!,
    };
}
