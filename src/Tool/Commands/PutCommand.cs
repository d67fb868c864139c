using System.CommandLine;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x put FILE KEY</c>: a file to an object; prints the entry a manifest would list.</summary>
internal static class PutCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var file = new Argument<string>("file") { Description = "The file to upload." };
        var key = new Argument<string>("key") { Description = "The object's key (relative to --base-prefix)." };
        var progress = TransferProgressPrinter.CreateOption();
        var command = new Command("put", "Upload a file and print its manifest entry (JSON).\n\nExamples:\n  s3x put notes.txt releases/web/2.1.0/notes.txt")
        {
            file, key, progress,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, output, token) =>
        {
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"The file '{path}' does not exist.");
            }

            var printer = TransferProgressPrinter.Create("put", "sent", parsed.GetValue(progress));
            FileEntry entry;
            try
            {
                entry = await store.PutFileAsync(parsed.GetValue(key)!, path, new PutObjectOptions { Progress = printer }, token).ConfigureAwait(false);
            }
            finally
            {
                printer?.Finish();
            }

            await output.WriteLineAsync(entry.ToJson()).ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
