using System.Diagnostics;
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
        var publish = await RunAsync("dotnet", ["publish", AppProject(), "-c", "Release", "-r", "linux-x64", "-warnaserror", "--artifacts-path", Path.Combine(output.Root, "build"), "-o", app, "-nologo"], []);
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(app, "S3Exchange.dll")), "the app is one native executable, not assemblies for a runtime");

        var run = await RunAsync(Path.Combine(app, "S3Exchange.AotApp"), [store.Options.BasePrefix!], new Dictionary<string, string>
        {
            ["S3_ENDPOINT_URL"] = server.Endpoint,
            ["S3_REGION"] = server.Settings.Region,
            ["S3_BUCKET"] = server.Bucket,
            ["S3_AWS_ACCESS_KEY_ID"] = server.Settings.AccessKeyId!,
            ["S3_AWS_SECRET_ACCESS_KEY"] = server.Settings.SecretAccessKey!,
        });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal($"{store.ResolveKey("aot/hello.txt")}\thello from native AOT", run.Output.Trim());
        Assert.Single(await store.ListManifestKeysAsync("aot/manifest.jsonl").Where(k => k.Contains("/manifests/", StringComparison.Ordinal)).ToListAsync());
    }

    private static string AppProject()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "S3Exchange.Build.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("No S3Exchange.Build.sln above the test folder.");
        }

        return Path.Combine(folder, "tests", "AotApp", "S3Exchange.AotApp.csproj");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
