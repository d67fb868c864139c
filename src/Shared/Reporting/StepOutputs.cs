using System.Globalization;

namespace S3Exchange.Reporting;

/// <summary>The step outputs a publish or fetch hands to later CI steps (see <see cref="GitHubActions.AppendOutputs"/>).</summary>
internal static class StepOutputs
{
    public static KeyValuePair<string, string>[] Publish(PublishReport report, string bucket) =>
    [
        .. Manifest(report.ManifestKey, report.ManifestSha256, bucket),
        new("files", report.FileCount.ToString(CultureInfo.InvariantCulture)),
        new("bytes-sent", report.BytesUploaded.ToString(CultureInfo.InvariantCulture)),
    ];

    public static KeyValuePair<string, string>[] Fetch(FetchReport report, string bucket) =>
    [
        .. Manifest(report.ManifestKey, report.ManifestSha256, bucket),
        new("files", report.Files.Count.ToString(CultureInfo.InvariantCulture)),
        new("folder", report.Folder),
    ];

    private static KeyValuePair<string, string>[] Manifest(string key, string sha256, string bucket) =>
    [
        new("manifest-key", key),
        new("manifest-uri", $"s3://{bucket}/{key}"),
        new("manifest-sha256", sha256),
    ];
}
