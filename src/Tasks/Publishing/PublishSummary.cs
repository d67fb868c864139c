using System.Globalization;
using System.Text;
using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Publishing;

/// <summary>The end-of-publish summary as a Markdown table for a CI step summary (the log line is PublishSummary in Resources/Strings.resx).</summary>
internal static class PublishSummary
{
    public static string ToMarkdown(PublishReport o, string bucket)
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
    public static string? AppendToGitHubStepSummary(PublishReport outcome, string bucket)
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
