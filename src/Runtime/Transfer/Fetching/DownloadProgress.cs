using System.Diagnostics;

namespace S3Exchange;

/// <summary>
/// Turns a download's bytes into <see cref="TransferStep.BytesDownloaded"/> reports: one each
/// time at least <see cref="ReportEveryBytes"/> came since the last, and one for the rest at the
/// end, so a large download shows movement without a report per buffer.
/// </summary>
internal sealed class DownloadProgress(IProgress<TransferProgress> progress, string key, long? totalBytes)
{
    /// <summary>Bytes between two reports.</summary>
    public const int ReportEveryBytes = 8 * 1024 * 1024;

    private readonly long started = Stopwatch.GetTimestamp();
    private long unreported;
    private bool reported;

    /// <summary>A reporter for <paramref name="content"/>, with its length as the total when the stream knows it.</summary>
    public static DownloadProgress For(IProgress<TransferProgress> progress, string key, Stream content)
    {
        long? total;
        try
        {
            total = content.Length;
        }
        catch (NotSupportedException)
        {
            total = null;
        }

        return new DownloadProgress(progress, key, total);
    }

    public void Add(int bytes)
    {
        unreported += bytes;
        if (unreported >= ReportEveryBytes)
        {
            Report();
        }
    }

    /// <summary>Reports what is left, or an empty download's one report.</summary>
    public void Finish()
    {
        if (unreported > 0 || !reported)
        {
            Report();
        }
    }

    private void Report()
    {
        reported = true;
        progress.Report(new TransferProgress(TransferStep.BytesDownloaded, key, null, 0, unreported, 0, 0, Stopwatch.GetElapsedTime(started)) { TotalBytes = totalBytes });
        unreported = 0;
    }
}
