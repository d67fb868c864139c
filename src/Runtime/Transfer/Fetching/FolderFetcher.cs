using System.Diagnostics;
using System.Security.Cryptography;

namespace S3Exchange;

/// <summary>
/// Fetches every file of a manifest into a folder: the manifest and shard indexes are read and
/// every path checked first (<see cref="FetchPlanner"/>), then the units run in parallel (up to
/// <see cref="S3ExchangeStoreOptions.MaxConcurrency"/>), each file streamed to a temporary name
/// beside its target, hashed on the way, checked against its entry, given its mode and renamed
/// into place. A failure stops the other units; files already renamed into place are complete
/// and verified, no temporary file is left, and nothing is written under a name before its
/// content is whole.
/// </summary>
internal sealed class FolderFetcher(S3ExchangeStore store, FetchOptions options, IProgress<TransferProgress>? progress)
{
    private int completed;

    public async Task<FetchReport> FetchAsync(string manifestFullKey, string folder, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var rootDigest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var listed = await AsyncSequences.CollectAsync(store.ListFilesWithShardsAsync(_ => { }, manifestFullKey, new ReadObjectsOptions(), rootDigest, cancellationToken), cancellationToken).ConfigureAwait(false);
        var manifestSha256 = Convert.ToHexString(rootDigest.GetHashAndReset()).ToLowerInvariant();
        var targets = FetchPlanner.ResolveTargets(listed, manifestFullKey, folder);
        var written = new Dictionary<FetchTarget, FetchedFile>(ReferenceEqualityComparer.Instance);
        var total = targets.Count;

        await Parallel.ForEachAsync(
            FetchPlanner.PlanUnits(targets),
            new ParallelOptions { MaxDegreeOfParallelism = store.Options.MaxConcurrency, CancellationToken = cancellationToken },
            async (unit, token) =>
            {
                var files = unit.Count == 1 && unit[0].Shard is null
                    ? [await FetchOneAsync(unit[0], total, token).ConfigureAwait(false)]
                    : await FetchFromArchiveAsync(unit, total, token).ConfigureAwait(false);
                lock (written)
                {
                    foreach (var (target, file) in files)
                    {
                        written.Add(target, file);
                    }
                }
            }).ConfigureAwait(false);

        return new FetchReport(manifestFullKey, manifestSha256, Path.GetFullPath(folder), targets.Select(t => written[t]).ToList(), clock.Elapsed);
    }

    private async Task<(FetchTarget, FetchedFile)> FetchOneAsync(FetchTarget target, int total, CancellationToken cancellationToken)
    {
        var content = await store.OpenAsync(target.File, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            return (target, await WriteAsync(target, content, total, cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<List<(FetchTarget, FetchedFile)>> FetchFromArchiveAsync(List<FetchTarget> unit, int total, CancellationToken cancellationToken)
    {
        var wanted = unit.ToDictionary(t => t.File.MemberPath!, StringComparer.Ordinal);
        var files = new List<(FetchTarget, FetchedFile)>(unit.Count);
        var shard = unit[0].Shard!;
        var reader = await ShardMemberReader.OpenAsync(store.Storage, shard, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (wanted.Count > 0 && await reader.NextAsync(cancellationToken).ConfigureAwait(false) is { } member)
            {
                using (member)
                {
                    if (wanted.Remove(member.Entry.MemberPath!, out var target))
                    {
                        files.Add((target, await WriteAsync(target, member.Content, total, cancellationToken).ConfigureAwait(false)));
                    }
                }
            }
        }

        if (wanted.Count > 0)
        {
            throw new ObjectNotFoundException(VirtualKey.Compose(shard.ArchiveKey, wanted.Keys.First()));
        }

        return files;
    }

    private async Task<FetchedFile> WriteAsync(FetchTarget target, Stream content, int total, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (size, verified) = await VerifiedFileWriter.WriteAsync(content, target.FullPath, target.File, options, null, cancellationToken).ConfigureAwait(false);
        progress?.Report(new TransferProgress(TransferStep.FileWritten, target.File.Key, target.RelativePath, 1, size, Interlocked.Increment(ref completed), total, Stopwatch.GetElapsedTime(started)));
        return new FetchedFile(target.File.Key, target.RelativePath, target.FullPath, size, verified);
    }
}
