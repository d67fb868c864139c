using System.CommandLine;
using System.Globalization;
using S3Exchange.Reporting;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x fetch MANIFEST DIR</c>: the release step, through the runtime's <see cref="S3ExchangeStore.FetchAsync"/>.</summary>
internal static class FetchCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest's key (relative to --base-prefix)." };
        var folder = new Argument<string>("dir") { Description = "The folder to fill (created when missing)." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Do not check sizes and SHA-256 against the manifest." };
        var progress = TransferProgressPrinter.CreateOption();
        var command = new Command("fetch", "Fetch every file of a manifest into a folder: every path checked before anything is written, shards read in parallel, size and SHA-256 verified, Unix modes restored.\n\nExamples:\n  s3x fetch artifacts/App/1.2.0/any/manifest.jsonl out/release\n\nIn GitHub Actions the step outputs manifest-key, manifest-uri, manifest-sha256 (compare it with the publish step's), files and folder are set, and a summary is added to the run's page.")
        {
            manifest, folder, noVerify, progress,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, output, token) =>
        {
            var options = new FetchOptions { VerifyContent = !parsed.GetValue(noVerify) };
            var printer = TransferProgressPrinter.Create("fetch", "written", parsed.GetValue(progress));
            FetchReport report;
            try
            {
                report = await store.FetchAsync(parsed.GetValue(manifest)!, parsed.GetValue(folder)!, options, printer, token).ConfigureAwait(false);
            }
            finally
            {
                printer?.Finish();
            }

            GitHubActions.AppendOutputs(Environment.GetEnvironmentVariable(GitHubActions.OutputVariable), StepOutputs.Fetch(report, store.Bucket));
            GitHubActions.AppendStepSummary(Environment.GetEnvironmentVariable(GitHubActions.SummaryVariable), ReportMarkdown.Fetch(report, store.Bucket));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"fetched {report.Files.Count} files ({report.TotalBytes} bytes, {report.VerifiedFiles} verified) from {report.ManifestKey} (sha256 {report.ManifestSha256}) to {report.Folder} in {report.Elapsed.TotalSeconds:0.00} s")).ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
