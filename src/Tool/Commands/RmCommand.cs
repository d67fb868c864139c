using System.CommandLine;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x rm MANIFEST [--dry-run]</c>: a manifest and everything it names, deleted.</summary>
internal static class RmCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest to delete with its parts, objects and shard archives." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the keys that would be deleted; delete nothing." };
        var command = new Command("rm", "Delete a manifest and every object, archive and part it names.\n\nExamples:\n  s3x rm tmp/run-42/manifest.jsonl --dry-run\n  s3x rm tmp/run-42/manifest.jsonl")
        {
            manifest, dryRun,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, output, token) =>
        {
            var key = parsed.GetValue(manifest)!;
            if (parsed.GetValue(dryRun))
            {
                await foreach (var name in store.ListManifestKeysAsync(key, token).ConfigureAwait(false))
                {
                    await output.WriteLineAsync(name).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            var report = await store.DeleteManifestAsync(key, cancellationToken: token).ConfigureAwait(false);
            foreach (var (failed, reason) in report.Errors)
            {
                await Console.Error.WriteLineAsync($"s3x: {failed}: {reason}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"deleted {report.DeletedObjectCount} objects, {report.DeletedArchiveCount} archives, {report.DeletedManifestCount} manifests; {report.Errors.Count} refused").ConfigureAwait(false);
            return report.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
