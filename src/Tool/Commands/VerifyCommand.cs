using System.CommandLine;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x verify MANIFEST [--dir DIR]</c>: the store (and a fetched folder) against the manifest, through <see cref="S3ExchangeStore.VerifyAsync"/>.</summary>
internal static class VerifyCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest's key (relative to --base-prefix)." };
        var folder = new Option<string?>("--dir") { Description = "A fetched folder to compare with the manifest (sizes, SHA-256 where recorded, extra files)." };
        var command = new Command("verify", "Check that every object a manifest names is stored with its size, and (with --dir) that a folder matches it. Exit 4 and one line per difference when anything differs.\n\nExamples:\n  s3x verify artifacts/App/1.2.0/any/manifest.jsonl\n  s3x verify artifacts/App/1.2.0/any/manifest.jsonl --dir out/release")
        {
            manifest, folder,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, output, token) =>
        {
            var report = await store.VerifyAsync(parsed.GetValue(manifest)!, parsed.GetValue(folder), token).ConfigureAwait(false);
            foreach (var problem in report.Problems)
            {
                await Console.Error.WriteLineAsync($"s3x: {problem.Path ?? problem.Key}: {problem.Problem}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{report.FilesChecked} files checked, {report.Problems.Count} differences: {(report.Matches ? "matches" : "DIFFERS")} {report.ManifestKey}").ConfigureAwait(false);
            return report.Matches ? ExitCodes.Success : ExitCodes.Mismatch;
        }, cancellationToken));
        return command;
    }
}
