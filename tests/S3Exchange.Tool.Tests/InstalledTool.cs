using System.Diagnostics;
using System.Reflection;

namespace S3Exchange.Tool.Tests;

/// <summary>
/// <c>s3x</c> as a user gets it: the built project packed to a local feed and installed with
/// <c>dotnet tool install --tool-path</c>, then run as a process.
/// </summary>
public sealed class InstalledTool : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("s3x-tool-").FullName;

    public string Executable => Path.Combine(root, "tools", OperatingSystem.IsWindows() ? "s3x.exe" : "s3x");

    /// <summary>The packed S3Exchange.Tool .nupkg the tool was installed from.</summary>
    public string Package { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var feed = Path.Combine(root, "feed");
        await DotnetAsync("pack", Metadata("S3ExchangeToolProject"), "--no-build", "-c", Metadata("S3ExchangeToolConfiguration"), "-o", feed, $"-p:PackageVersion={version}");
        Package = Path.Combine(feed, $"S3Exchange.Tool.{version}.nupkg");
        await DotnetAsync("tool", "install", "S3Exchange.Tool", "--tool-path", Path.Combine(root, "tools"), "--add-source", feed, "--version", version);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs <c>s3x</c> with <paramref name="arguments"/> and the S3_* settings of <paramref name="environment"/>.</summary>
    public async Task<ToolResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolResult(process.ExitCode, await output, await error);
    }

    private static async Task DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }

    private static string Metadata(string key) =>
        typeof(InstalledTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

/// <summary>What one run of the tool printed and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
