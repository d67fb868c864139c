using System.Diagnostics;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>The baseline: awscli v1 copying the folder object by object, with its default settings.</summary>
internal static class AwsCliCopy
{
    public static TimeSpan Run(S3ServerFixture server, string folder)
    {
        var start = new ProcessStartInfo("aws")
        {
            ArgumentList = { "s3", "cp", "--recursive", "--only-show-errors", "--endpoint-url", server.Endpoint, folder, $"s3://{server.Bucket}/awscli-{Guid.NewGuid():N}/" },
            UseShellExecute = false,
        };
        start.Environment["AWS_ACCESS_KEY_ID"] = server.Settings.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = server.Settings.SecretAccessKey;
        start.Environment["AWS_DEFAULT_REGION"] = server.Settings.Region;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws s3 cp failed with exit code {process.ExitCode}.");
        }

        return clock.Elapsed;
    }
}
