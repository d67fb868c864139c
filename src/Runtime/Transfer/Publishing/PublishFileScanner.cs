using System.Buffers;
using System.Security.Cryptography;

namespace S3Exchange;

/// <summary>
/// Reads what publishing produced: each file's relative path, size, SHA-256 and mode, in a
/// stable order (ordinal by relative path), so the same output always yields the same plan.
/// </summary>
/// <remarks>
/// Symlink policy: a file that is a symlink is published as a regular file holding its final
/// target's content and mode, provided the target is a file inside the publish folder; a link
/// that dangles or resolves outside the folder is an <see cref="InvalidPublishFileException"/>, since following it would
/// publish something the build did not produce. Fetching never creates symlinks.
/// </remarks>
internal static class PublishFileScanner
{
    /// <summary>The files in path order, and how many of them were read (the others' hashes came from <paramref name="cache"/>).</summary>
    public static async Task<(IReadOnlyList<PublishFile> Files, int FilesHashed)> ScanAsync(IReadOnlyCollection<PublishSource> sources, string publishRoot, PublishHashCache? cache, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(publishRoot);
        var checkedSources = new List<(string Path, string Relative)>(sources.Count);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var relative = source.RelativePath.Replace('\\', '/');
            if (MemberPath.FindProblem(relative) is { } problem)
            {
                throw new InvalidPublishFileException(source.Path, relative, $"The file '{source.Path}' has the relative path '{relative}', which cannot be stored: {problem}. Give it a relative path inside the published folder.");
            }

            var full = Path.GetFullPath(source.Path);
            if (seen.TryGetValue(relative, out var other))
            {
                if (string.Equals(other, full, StringComparison.Ordinal))
                {
                    continue;
                }

                throw new InvalidPublishFileException(full, relative, $"Two files have the relative path '{relative}': '{other}' and '{full}'. Publish only one of them.");
            }

            seen.Add(relative, full);
            checkedSources.Add((ResolveContentPath(full, relative, root), relative));
        }

        checkedSources.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        var files = new PublishFile[checkedSources.Count];
        var filesHashed = 0;

        // Synchronous reads of up to 1 MiB straight into a pooled buffer, one file per core:
        // the files are usually in the page cache just after 'dotnet publish', so this is CPU
        // (SHA-256) bound, and per-read async overhead showed on thousands of small files.
        await Task.Run(
            () => Parallel.For(
                0,
                files.Length,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                i =>
                {
                    var (path, relative) = checkedSources[i];
                    var (size, sha256) = cache is null ? HashFile(path, cancellationToken) : HashUnlessCached(path, cache, cancellationToken, ref filesHashed);
                    files[i] = new PublishFile(relative, path, size, sha256, FileModes.Read(path));
                }),
            cancellationToken).ConfigureAwait(false);
        return (files, cache is null ? files.Length : filesHashed);
    }

    // Size and last-write time are read before the clock and the clock before the content, so a
    // change at any point after the stat leaves an entry that either no longer matches the file
    // or is too recent to be trusted (PublishHashCache, racy entries).
    private static (long Size, string Sha256) HashUnlessCached(string path, PublishHashCache cache, CancellationToken cancellationToken, ref int filesHashed)
    {
        var info = new FileInfo(path);
        var (size, lastWrite) = (info.Length, info.LastWriteTimeUtc);
        if (cache.Find(path, size, lastWrite) is { } known)
        {
            return (size, known);
        }

        var hashedAt = DateTime.UtcNow;
        var hashed = HashFile(path, cancellationToken);
        Interlocked.Increment(ref filesHashed);
        if (hashed.Size == size)
        {
            cache.Record(path, size, lastWrite, hashedAt, hashed.Sha256);
        }

        return hashed;
    }

    /// <summary>The file's length and the lowercase hex SHA-256 of exactly the bytes read.</summary>
    private static (long Size, string Sha256) HashFile(string path, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
                cancellationToken.ThrowIfCancellationRequested();
            }

            return (offset, Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string ResolveContentPath(string full, string relative, string root)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is null)
        {
            if (!info.Exists)
            {
                throw new InvalidPublishFileException(full, relative, $"The file '{full}' ('{relative}') does not exist. Produce it again, or leave it out.");
            }

            return full;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is not FileInfo { Exists: true } file)
        {
            throw new InvalidPublishFileException(full, relative, $"The file '{relative}' is a symlink to '{info.LinkTarget}', which does not exist (or is not a file). Fix or remove the link.");
        }

        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var targetPath = Path.GetFullPath(file.FullName);
        if (!targetPath.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new InvalidPublishFileException(full, relative, $"The file '{relative}' is a symlink to '{targetPath}', outside the published folder '{root}'. Copy the file into the folder instead of linking it.");
        }

        return targetPath;
    }
}
