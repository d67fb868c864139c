using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using S3Exchange.Build.Diagnostics;
using S3Exchange.Build.Downloading;

namespace S3Exchange.Build.Tasks;

/// <summary>
/// Downloads every file of a manifest into a folder with its relative path, verifying size and
/// SHA-256 and restoring Unix modes; refuses, before writing anything, any file that would land
/// outside the folder. See docs/msbuild.md.
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

    private protected override async System.Threading.Tasks.Task RunAsync(Action<string> report, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ManifestKey))
        {
            throw new BuildFailure(ErrorCodes.InvalidProperty, "S3ExchangeManifestKey is empty: pass the key of the manifest to download, e.g. -p:S3ExchangeManifestKey=artifacts/MyApp/1.0.0/any/manifest.jsonl.");
        }

        if (string.IsNullOrWhiteSpace(DestinationFolder))
        {
            throw new BuildFailure(ErrorCodes.InvalidProperty, "S3ExchangeDownloadDir is empty: pass the folder to download into, e.g. -p:S3ExchangeDownloadDir=out/release.");
        }

        var (connection, settings) = ResolveConnection();
        var store = connection.CreateStore(settings);
        var written = await new ManifestDownloader(store, report).DownloadAsync(ManifestKey, DestinationFolder, cancellationToken).ConfigureAwait(false);
        DownloadedFiles = written.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
    }
}
