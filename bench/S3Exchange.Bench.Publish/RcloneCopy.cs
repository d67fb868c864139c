using System.Diagnostics;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>
/// The bulk uploader a team would pick: <c>rclone copy</c> (Debian's rclone), configured only
/// through environment variables (an S3 remote named <c>bench</c>; no config file is read), at
/// several transfer counts, of which the best is timed.
/// </summary>
internal static class RcloneCopy
{
    /// <summary>The transfer counts tried once each before the timed runs.</summary>
    public static readonly int[] TransferCounts = [4, 8, 16, 32];

    /// <summary>The best transfer count from one run at each of <see cref="TransferCounts"/>, and that count's timed runs.</summary>
    public static async Task<(int Transfers, IReadOnlyDictionary<int, TimeSpan> Trials, IReadOnlyList<TimeSpan> Runs)> MeasureAsync(S3ServerFixture server, string folder, int runs)
    {
        var trials = new Dictionary<int, TimeSpan>();
        foreach (var transfers in TransferCounts)
        {
            trials[transfers] = await RunAsync(server, folder, transfers);
        }

        var best = trials.MinBy(t => t.Value).Key;
        var timed = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            timed.Add(await RunAsync(server, folder, best));
        }

        return (best, trials, timed);
    }

    /// <summary>
    /// One <c>rclone copy</c> of <paramref name="folder"/> into a fresh prefix, deleted after the
    /// clock stops: seven copies of the random set would fill Ceph RGW's in-memory OSD.
    /// </summary>
    public static async Task<TimeSpan> RunAsync(S3ServerFixture server, string folder, int transfers)
    {
        var prefix = $"rclone-{Guid.NewGuid():N}";
        var start = new ProcessStartInfo("rclone")
        {
            ArgumentList = { "copy", folder, $"bench:{server.Bucket}/{prefix}", "--transfers", transfers.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", "/dev/null", "-q" },
            UseShellExecute = false,
        };
        start.Environment["RCLONE_CONFIG_BENCH_TYPE"] = "s3";
        start.Environment["RCLONE_CONFIG_BENCH_PROVIDER"] = "Other";
        start.Environment["RCLONE_CONFIG_BENCH_ENDPOINT"] = server.Endpoint;
        start.Environment["RCLONE_CONFIG_BENCH_ACCESS_KEY_ID"] = server.Settings.AccessKeyId;
        start.Environment["RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY"] = server.Settings.SecretAccessKey;
        start.Environment["RCLONE_CONFIG_BENCH_REGION"] = server.Settings.Region;
        start.Environment["RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE"] = "true";
        // The bucket exists; without this rclone tries to create it first.
        start.Environment["RCLONE_CONFIG_BENCH_NO_CHECK_BUCKET"] = "true";
        // rclone's AWS SDK reads a CA bundle named here and refuses its own HTTP transport with one; the endpoint is plain HTTP.
        start.Environment.Remove("AWS_CA_BUNDLE");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rclone copy --transfers {transfers} failed with exit code {process.ExitCode}.");
        }

        using var cleaner = S3ExchangeStore.Create(server.Settings);
        await cleaner.DeletePrefixAsync(prefix + "/");
        return clock.Elapsed;
    }
}
