using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using S3Exchange.Build.Configuration;
using S3Exchange.Build.Diagnostics;
using S3Exchange.Build.Publishing;
using S3Exchange.Reporting;

namespace S3Exchange.Build.Tasks;

/// <summary>
/// Fetches every file of a manifest into a folder through the runtime's
/// <see cref="S3ExchangeStore.FetchAsync"/>: every path checked before anything is written,
/// shards read in parallel, size and SHA-256 verified, Unix modes restored. See docs/msbuild.md.
/// </summary>
public sealed class DownloadFromS3Exchange : S3ExchangeTask
{
    /// <summary>The manifest key, relative to the base prefix.</summary>
    public string? ManifestKey { get; set; }

    /// <summary>The folder to fill.</summary>
    public string? DestinationFolder { get; set; }

    /// <summary>The files written.</summary>
    [Output]
    public ITaskItem[] DownloadedFiles { get; private set; } = [];

    private protected override async System.Threading.Tasks.Task RunAsync(TaskLog log, CancellationToken cancellationToken)
    {
        var reader = new PropertyReader();
        if (string.IsNullOrWhiteSpace(ManifestKey))
        {
            reader.Add(new BuildFailure("MissingProperty", ["S3ExchangeManifestKey", "pass the key of the manifest to download, e.g. -p:S3ExchangeManifestKey=artifacts/MyApp/1.0.0/any/manifest.jsonl."]));
        }

        if (string.IsNullOrWhiteSpace(DestinationFolder))
        {
            reader.Add(new BuildFailure("MissingProperty", ["S3ExchangeDownloadDir", "pass the folder to download into, e.g. -p:S3ExchangeDownloadDir=out/release."]));
        }

        var createStore = ResolveStore(reader, out var settings);
        reader.ThrowIfInvalid();
        var store = createStore();
        var manifestKey = store.ResolveKey(ManifestKey!);
        var folder = Path.GetFullPath(DestinationFolder!);
        log.Message(MessageImportance.High, "FetchStarting", settings.Bucket, manifestKey, folder);
        FetchReport report;
        try
        {
            var progress = new ImmediateProgress<TransferProgress>(step => log.Message(MessageImportance.Normal, "FileWritten", step.Completed, step.Total, step.Path!, Sizes.Mib(step.Bytes)));
            report = await store.FetchAsync(ManifestKey!, folder, null, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ManifestNotFoundException ex) when (ex.Key == manifestKey)
        {
            throw new BuildFailure("ManifestMissing", [settings.Bucket, manifestKey], ex);
        }

        DownloadedFiles = report.Files.Select(file => (ITaskItem)new TaskItem(file.FullPath)).ToArray();
        log.Message(MessageImportance.High, "FetchSummary", report.Files.Count, Sizes.Mib(report.TotalBytes), report.VerifiedFiles, folder, PublishLog.Seconds(report.Elapsed));
        GitHubActions.AppendOutputs(StepOutputFile, StepOutputs.Fetch(report, settings.Bucket));
        if (GitHubActions.AppendStepSummary(StepSummaryFile, ReportMarkdown.Fetch(report, settings.Bucket)) is { } summaryFile)
        {
            log.Message(MessageImportance.Normal, "SummaryAppended", summaryFile);
        }
    }
}
