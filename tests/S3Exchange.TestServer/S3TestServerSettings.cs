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

    /// <summary>
    /// What the external server is (<c>S3EXCHANGE_TEST_SERVER</c>: <c>ceph-rgw</c>, <c>minio</c>…),
    /// for tests that assert a behaviour known to differ between servers; null when unknown.
    /// </summary>
    public static string? ServerName => Get("S3EXCHANGE_TEST_SERVER");

    // moto takes any secret; a fresh one per run lets tests prove that the secret in use
    // appears in no log (a fixed word such as "testing" would be found everywhere).
    public static string SecretAccessKey => Get("S3EXCHANGE_TEST_SECRET_ACCESS_KEY") ?? (ExternalEndpoint is null ? LocalServerSecret : "testing");

    private static readonly string LocalServerSecret = "s3x-moto-secret-" + Guid.NewGuid().ToString("N");

    private static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
