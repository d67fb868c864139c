using S3Exchange.Testing;

namespace S3Exchange.Tests.NativeAot;

/// <summary>
/// The runtime in a native AOT app (tests/AotApp, PublishAot with warnings as errors) against the
/// server: the publish proves the runtime and what it pulls in raise no trim or AOT warning, the
/// run that put, an appended manifest and a read back work as native code.
/// </summary>
[Collection("S3")]
public sealed class NativeAotTests(S3ServerFixture server)
{
    [Fact]
    public async Task A_native_AOT_app_publishes_without_warnings_and_puts_appends_and_reads_back()
    {
        var store = server.CreateStore();
        using var output = new TempFolder();
        var app = Path.Combine(output.Root, "app");

        // Its own artifacts path: nothing the other tests built or packed is rewritten.
        var publish = await ChildProcess.RunAsync("dotnet", ["publish", Path.Combine(RepositoryFolder.Root, "tests", "AotApp", "S3Exchange.AotApp.csproj"), "-c", "Release", "-r", "linux-x64", "-warnaserror", "--artifacts-path", Path.Combine(output.Root, "build"), "-o", app, "-nologo"], null, TimeSpan.FromMinutes(8));
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(app, "S3Exchange.dll")), "the app is one native executable, not assemblies for a runtime");

        var run = await ChildProcess.RunAsync(Path.Combine(app, "S3Exchange.AotApp"), [store.Options.BasePrefix!], new Dictionary<string, string>
        {
            ["S3_ENDPOINT_URL"] = server.Endpoint,
            ["S3_REGION"] = server.Settings.Region,
            ["S3_BUCKET"] = server.Bucket,
            ["S3_AWS_ACCESS_KEY_ID"] = server.Settings.AccessKeyId!,
            ["S3_AWS_SECRET_ACCESS_KEY"] = server.Settings.SecretAccessKey!,
        },
        TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal($"{store.ResolveKey("aot/hello.txt")}\thello from native AOT", run.Output.Trim());
        Assert.Single(await store.ListManifestKeysAsync("aot/manifest.jsonl").Where(k => k.Contains("/manifests/", StringComparison.Ordinal)).ToListAsync());
    }
}
