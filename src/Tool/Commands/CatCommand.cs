using System.CommandLine;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x cat KEY</c>: an object, or a shard member by its virtual key <c>archive#member</c>, to stdout.</summary>
internal static class CatCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var key = new Argument<string>("key") { Description = "An object key, or 'archive#member' for a member of a shard archive." };
        var command = new Command("cat", "Write an object (or a shard member) to standard output.\n\nExamples:\n  s3x cat artifacts/App/content/shards/<digest>.tar.gz#App.deps.json\n  s3x cat notes/release.txt > release.txt")
        {
            key,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, _, token) =>
        {
            var content = await store.GetObjectAsync(parsed.GetValue(key)!, token).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                var stdout = Console.OpenStandardOutput();
                await using (stdout.ConfigureAwait(false))
                {
                    await content.CopyToAsync(stdout, token).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
