using System.CommandLine;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x compact SRC DST</c>: a manifest with its refs resolved (and shards optionally expanded) into one.</summary>
internal static class CompactCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var source = new Argument<string>("source") { Description = "The manifest to compact." };
        var destination = new Argument<string>("destination") { Description = "Where the compacted manifest is written (may be the same key)." };
        var expand = new Option<bool>("--expand-shards") { Description = "List shard members one by one instead of one entry per shard." };
        var command = new Command("compact", "Write a manifest's entries (refs resolved, duplicates dropped) as one manifest.\n\nExamples:\n  s3x compact data/manifest.jsonl data/compact.jsonl")
        {
            source, destination, expand,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, output, token) =>
        {
            var report = await store.CompactManifestAsync(parsed.GetValue(source)!, parsed.GetValue(destination)!, new CompactOptions { ExpandShards = parsed.GetValue(expand) }, token).ConfigureAwait(false);
            await output.WriteLineAsync($"{report.TotalEntries} entries written; {report.RemovedEntries} duplicates dropped, {report.ResolvedRefs} refs resolved, {report.ExpandedShards} shards expanded").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
