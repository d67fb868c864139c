namespace S3Exchange.Testing;

/// <summary>
/// Where the tests' S3 server is. By default a moto_server the fixture starts; with
/// <c>S3EXCHANGE_TEST_ENDPOINT</c> set, that server (MinIO, Garage, AWS…) with
/// <c>S3EXCHANGE_TEST_BUCKET</c>, <c>S3EXCHANGE_TEST_REGION</c>,
/// <c>S3EXCHANGE_TEST_ACCESS_KEY_ID</c> and <c>S3EXCHANGE_TEST_SECRET_ACCESS_KEY</c>.
/// </summary>
public static class S3TestServerSettings
{
    public const string EndpointVariable = "S3EXCHANGE_TEST_ENDPOINT";

    public static string? ExternalEndpoint => Get(EndpointVariable);

    public static string Bucket => Get("S3EXCHANGE_TEST_BUCKET") ?? "s3exchange-tests";

    public static string Region => Get("S3EXCHANGE_TEST_REGION") ?? "us-east-1";

    public static string AccessKeyId => Get("S3EXCHANGE_TEST_ACCESS_KEY_ID") ?? "testing";

    public static string SecretAccessKey => Get("S3EXCHANGE_TEST_SECRET_ACCESS_KEY") ?? "testing";

    private static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
