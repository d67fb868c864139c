using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace S3Exchange;

/// <summary>
/// Writes a stream to a file so that the file appears under its name only when it is whole and
/// matches its manifest entry: the bytes go to a temporary name beside the target, are hashed
/// on the way when the entry records a SHA-256, are checked against the entry's size and hash,
/// get the entry's Unix mode, and are renamed into place. On any failure the temporary file is
/// deleted and the target is left as it was.
/// </summary>
internal static class VerifiedFileWriter
{
    private const int CopyBufferBytes = 1 << 16;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; <paramref name="entry"/> (when given) is what it is checked against.</summary>
    /// <returns>The bytes written, and whether a size or hash was checked.</returns>
    /// <exception cref="ContentMismatchException">The size or SHA-256 differs from the entry's.</exception>
    /// <param name="content">What to write.</param>
    /// <param name="path">The target file.</param>
    /// <param name="entry">What the content is checked against, if anything.</param>
    /// <param name="options">Whether to verify and restore modes.</param>
    /// <param name="written">Told of the bytes written as the copy goes (see <see cref="DownloadProgress"/>), if anyone asked.</param>
    /// <param name="cancellationToken">Cancels the copy; the temporary file is deleted.</param>
    public static async Task<(long Size, bool Verified)> WriteAsync(Stream content, string path, FileEntry? entry, FetchOptions options, DownloadProgress? written, CancellationToken cancellationToken)
    {
        var expectedSha256 = options.VerifyContent && entry?.Meta?["sha256"] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? node.GetValue<string>()
            : null;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".s3x-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() + ".tmp";
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            using var hash = expectedSha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash?.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                    written?.Add(read);
                }
            }

            written?.Finish();

            var verified = false;
            if (entry is not null && options.VerifyContent)
            {
                verified = VerifySize(entry, size) | VerifyHash(entry, expectedSha256, hash);
            }

            if (entry is not null && options.RestoreModes && FileModes.TryParseMeta(entry.Meta?["mode"], out var mode))
            {
                FileModes.Apply(temporary, mode);
            }

            File.Move(temporary, path, overwrite: true);
            return (size, verified);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            File.Delete(temporary);
        }
    }

    private static bool VerifySize(FileEntry entry, long size)
    {
        if (entry.SizeBytes is not { } expected)
        {
            return false;
        }

        if (expected != size)
        {
            throw new ContentMismatchException(entry.Key, "size", expected.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture));
        }

        return true;
    }

    private static bool VerifyHash(FileEntry entry, string? expected, IncrementalHash? hash)
    {
        if (expected is null || hash is null)
        {
            return false;
        }

        var actual = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new ContentMismatchException(entry.Key, "sha256", expected, actual);
        }

        return true;
    }
}
