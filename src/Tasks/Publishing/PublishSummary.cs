using S3Exchange.Build.Diagnostics;
using System.Globalization;
using System.Text;

namespace S3Exchange.Build.Publishing;

/// <summary>The end-of-publish summary: one line for the build log, a table for a CI step summary.</summary>
internal static class PublishSummary
{
    public static string ToLogLine(PublishOutcome o) => string.Create(
        CultureInfo.InvariantCulture,
        $"S3Exchange publish: {o.FileCount} files ({Sizes.Mib(o.ContentBytes)}); shards uploaded {o.ShardsUploaded}, skipped {o.ShardsSkipped}; loose files uploaded {o.LooseUploaded}, skipped {o.LooseSkipped}; {Sizes.Mib(o.BytesUploaded)} sent in {o.Elapsed.TotalSeconds:0.00} s ({o.MebibytesPerSecond:0.0} MiB/s); manifest {o.ManifestKey} sha256 {o.ManifestSha256}");

    public static string ToMarkdown(PublishOutcome o, string bucket)
    {
        var text = new StringBuilder();
        text.AppendLine("### S3Exchange publish").AppendLine();
        text.AppendLine("| | |").AppendLine("|---|---|");
        Row("Manifest", $"`s3://{bucket}/{o.ManifestKey}`");
        Row("Manifest SHA-256", $"`{o.ManifestSha256}`");
        Row("Files", $"{o.FileCount} ({Sizes.Mib(o.ContentBytes)})");
        Row("Shards uploaded / skipped", $"{o.ShardsUploaded} / {o.ShardsSkipped}");
        Row("Loose files uploaded / skipped", $"{o.LooseUploaded} / {o.LooseSkipped}");
        Row("Sent", string.Create(CultureInfo.InvariantCulture, $"{Sizes.Mib(o.BytesUploaded)} in {o.Elapsed.TotalSeconds:0.00} s ({o.MebibytesPerSecond:0.0} MiB/s)"));
        return text.AppendLine().ToString();

        void Row(string name, string value) => text.Append("| ").Append(name).Append(" | ").Append(value).AppendLine(" |");
    }

    /// <summary>Appends the Markdown summary to <c>$GITHUB_STEP_SUMMARY</c> when that variable names a file.</summary>
    public static string? AppendToGitHubStepSummary(PublishOutcome outcome, string bucket)
    {
        var path = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        File.AppendAllText(path, ToMarkdown(outcome, bucket));
        return path;
    }
}
