using System.Diagnostics;

namespace S3Exchange.Tests.Interop;

/// <summary>Runs one of the Python scripts beside the tests (Interop/*.py, copied to the output) and returns its stdout; a non-zero exit fails the test with its stderr.</summary>
internal static class PythonScript
{
    /// <summary>What boto3 needs to reach the test server: its credentials and region (the endpoint is an argument).</summary>
    public static Dictionary<string, string> S3Environment(S3ExchangeSettings settings) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = settings.AccessKeyId!,
        ["AWS_SECRET_ACCESS_KEY"] = settings.SecretAccessKey!,
        ["AWS_DEFAULT_REGION"] = settings.Region!,
    };

    public static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3", [Path.Combine(AppContext.BaseDirectory, "Interop", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{script} failed: {await error}");
        return await output;
    }
}
