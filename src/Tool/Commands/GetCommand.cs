using System.CommandLine;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x get KEY [-o FILE]</c>: an object or shard member to a file, which appears only once complete.</summary>
internal static class GetCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var key = new Argument<string>("key") { Description = "An object key, or 'archive#member'." };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: the key's last segment, in the current folder)." };
        var progress = TransferProgressPrinter.CreateOption();
        var command = new Command("get", "Download an object (or shard member) to a file.\n\nExamples:\n  s3x get releases/notes.txt\n  s3x get 'shards/s.tar.gz#bin/app' -o app")
        {
            key, output, progress,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, stdout, token) =>
        {
            var name = parsed.GetValue(key)!;
            var path = parsed.GetValue(output) ?? name[(name.LastIndexOfAny(['/', '#']) + 1)..];
            var printer = TransferProgressPrinter.Create("get", "written", parsed.GetValue(progress));
            try
            {
                await store.DownloadAsync(name, path, printer, token).ConfigureAwait(false);
            }
            finally
            {
                printer?.Finish();
            }

            await stdout.WriteLineAsync(Path.GetFullPath(path)).ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
