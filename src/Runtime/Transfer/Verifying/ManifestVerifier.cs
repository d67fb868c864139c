using System.Globalization;
using System.Security.Cryptography;

namespace S3Exchange;

/// <summary>
/// Checks a manifest against the store and, optionally, a fetched folder, changing nothing:
/// every loose object and shard archive it names is HEADed (in parallel) and compared with the
/// size its entry records; with a folder, every file lands where a fetch would put it
/// (<see cref="FetchPlanner"/>) and is compared by size and, where the manifest records one, by
/// SHA-256; files of the folder the manifest does not name are reported too. A shard whose
/// index cannot be read is one problem, not a failure.
/// </summary>
internal sealed class ManifestVerifier(S3ExchangeStore store)
{
    public async Task<VerifyReport> VerifyAsync(string manifestFullKey, string? folder, CancellationToken cancellationToken)
    {
        var skipped = new List<ShardReadException>();
        var listed = await AsyncSequences.CollectAsync(store.ListFilesWithShardsAsync(skipped.Add, manifestFullKey, new ReadObjectsOptions { SkipUnreadableShards = true }, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        var problems = skipped.Select(s => new VerifyProblem(s.ArchiveKey, null, "shard cannot be read: " + (s.InnerException?.Message ?? s.Message))).ToList();

        // Each stored object once: a shard for all its members, a loose object for itself.
        var objects = listed
            .Select(f => f.Shard is { } shard ? (Key: shard.ArchiveKey, Size: shard.SizeBytes) : f.File.ArchiveKey is { } archive ? (Key: archive, Size: null) : (Key: f.File.Key, Size: f.File.SizeBytes))
            .DistinctBy(o => o.Key, StringComparer.Ordinal)
            .ToList();
        var found = new VerifyProblem?[objects.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, objects.Count),
            new ParallelOptions { MaxDegreeOfParallelism = store.Options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (key, size) = objects[i];
                var info = await store.Storage.HeadAsync(key, token).ConfigureAwait(false);
                found[i] = info is null ? new VerifyProblem(key, null, "missing from the store")
                    : size is { } expected && expected != info.SizeBytes ? new VerifyProblem(key, null, Invariant($"size {info.SizeBytes} in the store, {expected} in the manifest"))
                    : null;
            }).ConfigureAwait(false);
        problems.AddRange(found.OfType<VerifyProblem>());

        if (folder is not null)
        {
            problems.AddRange(await CheckFolderAsync(listed, manifestFullKey, folder, cancellationToken).ConfigureAwait(false));
        }

        return new VerifyReport(manifestFullKey, listed.Count, problems);
    }

    private static async Task<List<VerifyProblem>> CheckFolderAsync(List<(FileEntry File, ShardEntry? Shard)> listed, string manifestFullKey, string folder, CancellationToken cancellationToken)
    {
        var problems = new List<VerifyProblem>();
        var targets = FetchPlanner.ResolveTargets(listed, manifestFullKey, folder);
        foreach (var target in targets)
        {
            if (await CheckFileAsync(target, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                problems.Add(problem);
            }
        }

        var expected = targets.Select(t => t.FullPath).ToHashSet(StringComparer.Ordinal);
        var root = Path.GetFullPath(folder);
        if (Directory.Exists(root))
        {
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(p => !expected.Contains(p)).Order(StringComparer.Ordinal))
            {
                problems.Add(new VerifyProblem(null, Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'), "not in the manifest"));
            }
        }

        return problems;
    }

    private static async Task<VerifyProblem?> CheckFileAsync(FetchTarget target, CancellationToken cancellationToken)
    {
        var file = new FileInfo(target.FullPath);
        if (!file.Exists)
        {
            return new VerifyProblem(target.File.Key, target.RelativePath, "missing from the folder");
        }

        if (target.File.SizeBytes is { } size && size != file.Length)
        {
            return new VerifyProblem(target.File.Key, target.RelativePath, Invariant($"size {file.Length} in the folder, {size} in the manifest"));
        }

        if (target.File.Meta?["sha256"] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            var stream = new FileStream(target.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                var actual = Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
                if (!string.Equals(actual, node.GetValue<string>(), StringComparison.OrdinalIgnoreCase))
                {
                    return new VerifyProblem(target.File.Key, target.RelativePath, $"sha256 {actual} in the folder, {node.GetValue<string>()} in the manifest");
                }
            }
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
