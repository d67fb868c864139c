using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using S3Exchange.Build.Diagnostics;
using S3Exchange.Build.Planning;

namespace S3Exchange.Build.Downloading;

/// <summary>
/// Downloads every file of a manifest into a folder: paths checked first (see
/// <see cref="DownloadTargets"/>), then shards streamed member by member, each file written to
/// a temporary name, its size and SHA-256 checked against the manifest, renamed into place and
/// given its recorded Unix mode.
/// </summary>
internal sealed class ManifestDownloader(S3ExchangeStore store, Action<string> report)
{
    public async Task<IReadOnlyList<string>> DownloadAsync(string manifestKey, string folder, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var fullManifestKey = store.ResolveKey(manifestKey);
        List<FileEntry> entries;
        try
        {
            entries = [];
            await foreach (var entry in store.ListManifestFilesAsync(manifestKey, includeShards: true, cancellationToken).ConfigureAwait(false))
            {
                entries.Add(entry);
            }
        }
        catch (ManifestNotFoundException ex) when (ex.Key == fullManifestKey)
        {
            throw new BuildFailure(ErrorCodes.ManifestMissing, $"The manifest s3://{store.Bucket}/{fullManifestKey} does not exist. Check S3ExchangeManifestKey (and S3ExchangeBasePrefix / S3ExchangeBucket); the publish log prints the key of every manifest it writes.", ex);
        }

        var targets = DownloadTargets.Resolve(entries, fullManifestKey, folder);
        report($"S3Exchange download: {entries.Count} files from s3://{store.Bucket}/{fullManifestKey} to {Path.GetFullPath(folder)}");

        var written = new List<string>(entries.Count);
        long bytes = 0;
        string? currentArchive = null;
        await foreach (var item in store.ReadObjectsAsync(manifestKey, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (item.Entry.ArchiveKey is { } archive && archive != currentArchive)
            {
                currentArchive = archive;
                report($"  reading shard {archive}");
            }

            var target = targets[DownloadTargets.IdentityOf(item.Entry)];
            bytes += await WriteVerifiedAsync(item, target, cancellationToken).ConfigureAwait(false);
            written.Add(target);
        }

        report(string.Create(CultureInfo.InvariantCulture, $"S3Exchange download: {written.Count} files ({Sizes.Mib(bytes)}) verified and written in {clock.Elapsed.TotalSeconds:0.00} s"));
        return written;
    }

    private static async Task<long> WriteVerifiedAsync(ExchangeObject item, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".s3x-" + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await item.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }
            }

            Verify(item.Entry, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
            if (FileModes.TryParseMeta(item.Entry.Meta?["mode"], out var mode))
            {
                FileModes.Apply(temporary, mode);
            }

            File.Move(temporary, target, overwrite: true);
            return size;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Verify(FileEntry entry, long size, string sha256)
    {
        if (entry.SizeBytes is { } expectedSize && expectedSize != size)
        {
            throw new BuildFailure(ErrorCodes.IntegrityMismatch, $"'{entry.Key}' has {size} bytes but the manifest records {expectedSize}. The stored object was changed or damaged after publishing; publish the build again.");
        }

        if (entry.Meta?["sha256"] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String
            && !string.Equals(node.GetValue<string>(), sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BuildFailure(ErrorCodes.IntegrityMismatch, $"'{entry.Key}' has SHA-256 {sha256} but the manifest records {node.GetValue<string>()}. The stored object was changed or damaged after publishing; publish the build again.");
        }
    }
}
