using System.Globalization;
using System.Text;

namespace S3Exchange.Reporting;

/// <summary>A publish or fetch report as the Markdown table a CI step summary shows.</summary>
internal static class ReportMarkdown
{
    public static string Publish(PublishReport report, string bucket)
    {
        var table = new Table("S3Exchange publish");
        table.Row("Manifest", $"`s3://{bucket}/{report.ManifestKey}`");
        table.Row("Manifest SHA-256", $"`{report.ManifestSha256}`");
        table.Row("Files", $"{report.FileCount} ({Sizes.Mib(report.ContentBytes)})");
        table.Row("Shards uploaded / skipped", $"{report.ShardsUploaded} / {report.ShardsSkipped}");
        table.Row("Loose files uploaded / skipped", $"{report.LooseUploaded} / {report.LooseSkipped}");
        table.Row("Sent", string.Create(CultureInfo.InvariantCulture, $"{Sizes.Mib(report.BytesUploaded)} in {report.Elapsed.TotalSeconds:0.00} s ({report.MebibytesPerSecond:0.0} MiB/s)"));
        return table.ToString();
    }

    public static string Fetch(FetchReport report, string bucket)
    {
        var table = new Table("S3Exchange fetch");
        table.Row("Manifest", $"`s3://{bucket}/{report.ManifestKey}`");
        table.Row("Manifest SHA-256", $"`{report.ManifestSha256}`");
        table.Row("Files", string.Create(CultureInfo.InvariantCulture, $"{report.Files.Count} ({Sizes.Mib(report.TotalBytes)}), {report.VerifiedFiles} verified"));
        table.Row("Folder", $"`{report.Folder}`");
        table.Row("Took", string.Create(CultureInfo.InvariantCulture, $"{report.Elapsed.TotalSeconds:0.00} s"));
        return table.ToString();
    }

    private sealed class Table
    {
        private readonly StringBuilder text = new();

        public Table(string title) => text.Append("### ").AppendLine(title).AppendLine().AppendLine("| | |").AppendLine("|---|---|");

        // A '|' in a value (a key may hold one) would end its cell.
        public void Row(string name, string value) => text.Append("| ").Append(name).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).AppendLine(" |");

        public override string ToString() => text.AppendLine().ToString();
    }
}
