using S3Exchange.Build.Tasks;
using S3Exchange.Testing;

namespace S3Exchange.Build.Tests.Infrastructure;

/// <summary>Tasks wired to the fixture's server under a store's base prefix, with a recording engine.</summary>
internal static class TestTasks
{
    static TestTasks()
    {
        // Credentials reach the tasks only through the environment, never through properties.
        Environment.SetEnvironmentVariable("S3_AWS_ACCESS_KEY_ID", S3TestServerSettings.AccessKeyId);
        Environment.SetEnvironmentVariable("S3_AWS_SECRET_ACCESS_KEY", S3TestServerSettings.SecretAccessKey);
    }

    public static PublishToS3Exchange Publish(S3ServerFixture server, S3ExchangeStore store, TestFiles files, RecordingBuildEngine engine) => new()
    {
        BuildEngine = engine,
        Files = files.Items(),
        PublishDir = files.Root,
        ProjectName = "App",
        Version = "1.2.3",
        Configuration = "Release",
        TargetFramework = "net10.0",
        Endpoint = server.Endpoint,
        Region = server.Settings.Region,
        Bucket = server.Bucket,
        BasePrefix = store.Options.BasePrefix,
    };

    public static DownloadFromS3Exchange Download(S3ServerFixture server, S3ExchangeStore store, string manifestKey, string folder, RecordingBuildEngine engine) => new()
    {
        BuildEngine = engine,
        ManifestKey = manifestKey,
        DestinationFolder = folder,
        Endpoint = server.Endpoint,
        Region = server.Settings.Region,
        Bucket = server.Bucket,
        BasePrefix = store.Options.BasePrefix,
    };

    /// <summary>A task whose connection cannot reach anything: proves a code path sends no request.</summary>
    public const string UnreachableEndpoint = "http://127.0.0.1:9";
}
