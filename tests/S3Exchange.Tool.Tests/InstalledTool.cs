using System.Diagnostics;
using System.Reflection;
using S3Exchange.Testing;

namespace S3Exchange.Tool.Tests;

/// <summary>
/// <c>s3x</c> as a user gets it: the built project packed to a local feed and installed with
/// <c>dotnet tool install --tool-path</c>, then run as a process.
/// </summary>
public sealed class InstalledTool : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("s3x-tool-").FullName;

    public string Executable => Path.Combine(root, "tools", OperatingSystem.IsWindows() ? "s3x.exe" : "s3x");

    /// <summary>The local feed the tool was packed to.</summary>
    public string Feed => Path.Combine(root, "feed");

    /// <summary>The version it was packed as.</summary>
    public string Version { get; private set; } = string.Empty;

    /// <summary>The packed S3Exchange.Tool .nupkg the tool was installed from.</summary>
    public string Package => Path.Combine(Feed, $"S3Exchange.Tool.{Version}.nupkg");

    /// <summary>The tool's project file.</summary>
    public static string Project => Metadata("S3ExchangeToolProject");

    public async Task InitializeAsync()
    {
        var version = Version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var feed = Feed;
        await DotnetAsync("pack", Project, "--no-build", "-c", Metadata("S3ExchangeToolConfiguration"), "-o", feed, $"-p:PackageVersion={version}");
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
        using var running = Start(Executable, arguments, environment);
        return await running.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Starts <c>s3x</c> and returns while it runs.</summary>
    public RunningTool Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) => Start(Executable, arguments, environment);

    /// <summary>
    /// Runs <c>s3x</c> with a pseudo-terminal for its stdout and stderr (through util-linux
    /// <c>script</c>), as a person at a terminal sees it; the result's Output has both streams.
    /// </summary>
    public async Task<ToolResult> RunOnTerminalAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var command = string.Join(' ', new[] { Executable }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        using var running = Start("script", ["--quiet", "--return", "--command", command, "/dev/null"], environment);
        return await running.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Runs any program (e.g. <c>dotnet tool exec</c>) the way the tool is run.</summary>
    public async Task<ToolResult> RunProgramAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        using var running = Start(program, arguments, environment);
        return await running.WaitAsync(timeout);
    }

    private RunningTool Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var secrets = environment.Where(v => v.Key.EndsWith("SECRET_ACCESS_KEY", StringComparison.Ordinal) && v.Value.Length > 0).Select(v => v.Value).ToList();
        return new RunningTool(Process.Start(start)!, secrets);
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>, failing with its output when it fails.</summary>
    public static async Task DotnetAsync(params string[] arguments)
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

/// <summary>
/// A started run of the tool, its output collected as it comes. Every run that ends is checked
/// for the secret access key it was given: it must be in neither stdout nor stderr.
/// </summary>
public sealed class RunningTool : IDisposable
{
    private readonly Process process;
    private readonly IReadOnlyList<string> secrets;
    private readonly Task<string> output;
    private readonly Task<string> error;

    internal RunningTool(Process process, IReadOnlyList<string> secrets)
    {
        this.process = process;
        this.secrets = secrets;
        process.StandardInput.Close();
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Sends SIGINT, what Ctrl-C at a terminal sends.</summary>
    public void Interrupt() => ChildProcess.Interrupt(process);

    /// <summary>Waits for the run to end (killing it after <paramref name="timeout"/>) and returns what it printed.</summary>
    public async Task<ToolResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"s3x did not end within {timeout}:\n{await output}\n{await error}");
        }

        var result = new ToolResult(process.ExitCode, await output, await error);
        foreach (var secret in secrets)
        {
            Assert.True(secret.Length >= 16, "A short secret could appear in the output by chance; configure a longer one.");
            Assert.False(result.Output.Contains(secret, StringComparison.Ordinal) || result.Error.Contains(secret, StringComparison.Ordinal), $"s3x (exit {result.ExitCode}) printed its secret access key on stdout or stderr.");
        }

        return result;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}

/// <summary>What one run of the tool printed and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
