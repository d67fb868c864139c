using System.CommandLine;
using System.Globalization;
using S3Exchange.Reporting;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x publish DIR MANIFEST</c>: any folder, through the runtime's publish engine.</summary>
internal static class PublishCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var folder = new Argument<string>("dir") { Description = "The folder to publish (every file below it)." };
        var manifest = new Argument<string>("manifest") { Description = "The manifest's key (relative to --base-prefix): written last, the commit point." };
        var content = new Option<string?>("--content") { Description = "The prefix shards and loose objects go under (default: the manifest's folder + /content); share it between builds so unchanged content is stored once." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan; send nothing." };
        var append = new Option<bool>("--append") { Description = "Add the entries to the manifest as a part (append_parts) instead of replacing it." };
        var hashCache = new Option<string?>("--hash-cache") { Description = "A local file of the files' sizes, times and SHA-256 from the last publish: unchanged files are not read again (created when missing; a corrupt one is ignored)." };
        var level = new Option<int?>("--compression-level") { Description = "The gzip level of the shards, 0 (stored) to 9 (smallest); default 2. Part of each shard's key: another level uploads every shard once." };
        var progress = TransferProgressPrinter.CreateOption();
        var command = new Command("publish", "Publish a folder as content-addressed shards and loose objects plus a manifest; only what the server lacks is sent.\n\nExamples:\n  s3x publish dist/ releases/web/2.1.0/manifest.jsonl --content releases/web/content\n  s3x publish dist/ releases/web/2.1.0/manifest.jsonl --dry-run\n  s3x publish dist/ releases/web/2.2.0/manifest.jsonl --hash-cache obj/s3x-hashes.json\n\nIn GitHub Actions the step outputs manifest-key, manifest-uri, manifest-sha256, files and bytes-sent are set, and a summary is added to the run's page.")
        {
            folder, manifest, content, dryRun, append, hashCache, level, progress,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, output, token) =>
        {
            var root = parsed.GetValue(folder)!;
            if (!Directory.Exists(root))
            {
                throw new UsageException($"The folder '{root}' does not exist.");
            }

            if (parsed.GetValue(level) is < 0 or > 9)
            {
                throw new UsageException($"--compression-level is a gzip level from 0 (stored) to 9 (smallest), not {parsed.GetValue(level)}.");
            }

            var manifestKey = parsed.GetValue(manifest)!;
            var request = new PublishRequest
            {
                Folder = root,
                Files = PublishSource.FromFolder(root),
                ManifestKey = manifestKey,
                ContentPrefix = parsed.GetValue(content) ?? KeyLayout.DefaultContentPrefix(manifestKey),
                ManifestMode = parsed.GetValue(append) ? ManifestWriteMode.AppendParts : ManifestWriteMode.Overwrite,
                HashCacheFile = parsed.GetValue(hashCache),
                CompressionLevel = parsed.GetValue(level),
            };
            var plan = await store.PlanPublishAsync(request, token).ConfigureAwait(false);
            if (plan.HashCacheProblem is { } cacheProblem)
            {
                await Console.Error.WriteLineAsync($"s3x: {cacheProblem}").ConfigureAwait(false);
            }

            if (parsed.GetValue(dryRun))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dry run: {plan.FileCount} files ({plan.ContentBytes} bytes) in {plan.Shards.Count} shards and {plan.LooseFiles.Count} loose files; manifest {store.ResolveKey(plan.ManifestKey)}; nothing sent")).ConfigureAwait(false);
                foreach (var shard in plan.Shards)
                {
                    await output.WriteLineAsync($"shard\t{store.ResolveKey(shard.Key)}\t{shard.Files.Count}").ConfigureAwait(false);
                }

                foreach (var loose in plan.LooseFiles)
                {
                    await output.WriteLineAsync($"loose\t{store.ResolveKey(loose.Key)}\t{loose.File.RelativePath}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            var printer = TransferProgressPrinter.Create("publish", "sent", parsed.GetValue(progress));
            PublishReport report;
            try
            {
                report = await store.PublishAsync(plan, request.ManifestMode, printer, token).ConfigureAwait(false);
            }
            finally
            {
                printer?.Finish();
            }

            GitHubActions.AppendOutputs(Environment.GetEnvironmentVariable(GitHubActions.OutputVariable), StepOutputs.Publish(report, store.Bucket));
            GitHubActions.AppendStepSummary(Environment.GetEnvironmentVariable(GitHubActions.SummaryVariable), ReportMarkdown.Publish(report, store.Bucket));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"published {report.FileCount} files: shards uploaded {report.ShardsUploaded}, skipped {report.ShardsSkipped}; loose files uploaded {report.LooseUploaded}, skipped {report.LooseSkipped}; {report.BytesUploaded} bytes sent; manifest {report.ManifestKey} sha256 {report.ManifestSha256}")).ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
