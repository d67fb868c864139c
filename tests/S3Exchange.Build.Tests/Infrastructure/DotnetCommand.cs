using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using S3Exchange.Testing;

namespace S3Exchange.Build.Tests.Infrastructure;

/// <summary>
/// Runs the dotnet CLI on a test project with a binary log. Node reuse is off, so no MSBuild
/// node outlives the test holding the task assembly. Every run given a secret access key in its
/// environment is checked for it: the key must be in neither the console log nor the binary log.
/// </summary>
internal static class DotnetCommand
{
    public static string TasksFolder => Metadata("S3ExchangeTasksFolder");

    public static string BuildFolder => Metadata("S3ExchangeBuildFolder");

    public static Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string binlog, params string[] arguments) =>
        Start(workingDirectory, environment, binlog, arguments).WaitAsync();

    /// <summary>Starts the run and returns while it goes on (e.g. to interrupt it).</summary>
    public static Running Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string binlog, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Normal verbosity unless the caller chose one (e.g. -v:m, what 'dotnet publish' uses by default).
        var verbosity = arguments.Any(a => a.StartsWith("-v:", StringComparison.Ordinal)) ? [] : new[] { "-v:n" };
        foreach (var argument in arguments.Concat(["-nr:false", "-tl:false", .. verbosity, "-bl:" + binlog]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new Running(Process.Start(start)!, environment, binlog, string.Join(' ', arguments));
    }

    /// <summary>The text of a binary log (it is a gzip stream; strings inside are UTF-8).</summary>
    public static string ReadBinlogText(string binlog)
    {
        using var file = File.OpenRead(binlog);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void AssertSecretsNotLogged(IReadOnlyDictionary<string, string> environment, Result result)
    {
        var binlogText = File.Exists(result.Binlog) ? ReadBinlogText(result.Binlog) : null;
        Assert.True(binlogText is not null, $"The run wrote no binary log at {result.Binlog}.");
        foreach (var (name, secret) in environment.Where(v => v.Key.EndsWith("SECRET_ACCESS_KEY", StringComparison.Ordinal) && v.Value.Length > 0))
        {
            Assert.True(secret.Length >= 16, $"A short {name} could appear in a log by chance; configure a longer one.");
            Assert.False(result.Output.Contains(secret, StringComparison.Ordinal), $"{name} is in the console log of the run with binlog {result.Binlog}.");
            Assert.False(binlogText.Contains(secret, StringComparison.Ordinal), $"{name} is in the binary log {result.Binlog}.");
        }
    }

    /// <summary>A value the test project file bakes into this assembly (AssemblyMetadata).</summary>
    internal static string Metadata(string key) =>
        typeof(DotnetCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>A started run: its output collected as it comes.</summary>
    public sealed class Running
    {
        private readonly Process process;
        private readonly IReadOnlyDictionary<string, string> environment;
        private readonly string binlog;
        private readonly string command;
        private readonly Task<string> output;
        private readonly Task<string> error;

        internal Running(Process process, IReadOnlyDictionary<string, string> environment, string binlog, string command)
        {
            this.process = process;
            this.environment = environment;
            this.binlog = binlog;
            this.command = command;
            output = process.StandardOutput.ReadToEndAsync();
            error = process.StandardError.ReadToEndAsync();
        }

        /// <summary>Sends SIGINT, what Ctrl+C at a terminal sends.</summary>
        public void Interrupt() => ChildProcess.Interrupt(process);

        /// <summary>Waits for the end (killing the run and all it started after 4 minutes); checks the logs for the secret.</summary>
        public async Task<Result> WaitAsync()
        {
            using (process)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException($"dotnet {command} did not end within 4 minutes:\n{await output}\n{await error}");
                }

                var result = new Result(process.ExitCode, await output + await error, binlog);
                AssertSecretsNotLogged(environment, result);
                return result;
            }
        }
    }

    public sealed record Result(int ExitCode, string Output, string Binlog)
    {
        public override string ToString() => $"exit code {ExitCode}, binlog {Binlog}\n{Output}";
    }
}
