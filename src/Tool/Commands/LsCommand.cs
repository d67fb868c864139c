using System.CommandLine;
using System.Globalization;
using S3Exchange.Tool.Cli;

namespace S3Exchange.Tool.Commands;

/// <summary><c>s3x ls MANIFEST</c>: the manifest's files (refs resolved, shards expanded), or its own lines.</summary>
internal static class LsCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest's key (relative to --base-prefix)." };
        var json = new Option<bool>("--json") { Description = "One JSON object a line (the manifest's own format), for scripts." };
        var lines = new Option<bool>("--lines") { Description = "The manifest's own lines: refs and shards as entries, not followed or expanded." };
        var noShards = new Option<bool>("--no-shards") { Description = "Refs followed, but shards listed as one entry each instead of their members." };
        var command = new Command("ls", "List a manifest's files: key, size and path (refs followed, shards expanded).\n\nExamples:\n  s3x ls artifacts/App/1.2.0/any/manifest.jsonl\n  s3x ls artifacts/App/1.2.0/any/manifest.jsonl --json | jq -r .key")
        {
            manifest, json, lines, noShards,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(parsed, connection, async (store, output, token) =>
        {
            var key = parsed.GetValue(manifest)!;
            IAsyncEnumerable<ManifestEntry> entries = parsed.GetValue(lines)
                ? store.ReadManifestEntriesAsync(key, resolveRefs: false, cancellationToken: token)
                : parsed.GetValue(noShards)
                    ? store.ReadManifestEntriesAsync(key, cancellationToken: token)
                    : store.ListManifestFilesAsync(key, includeShards: true, token);
            await foreach (var entry in entries.ConfigureAwait(false))
            {
                await output.WriteLineAsync(parsed.GetValue(json) ? entry.ToJson() : Describe(entry)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    // key, size, and the path a fetch writes it to: tab-separated, so `cut` works on it.
    private static string Describe(ManifestEntry entry) => entry switch
    {
        FileEntry file => string.Join('\t', file.Key, file.SizeBytes?.ToString(CultureInfo.InvariantCulture) ?? "-", file.MemberPath ?? file.Meta?["path"]?.ToString() ?? "-"),
        ShardEntry shard => string.Join('\t', shard.ArchiveKey, shard.SizeBytes?.ToString(CultureInfo.InvariantCulture) ?? "-", $"shard of {shard.Count?.ToString(CultureInfo.InvariantCulture) ?? "?"} files"),
        ManifestRefEntry reference => string.Join('\t', reference.Key, "-", "manifest_ref"),
        _ => entry.ToString() ?? string.Empty,
    };
}
