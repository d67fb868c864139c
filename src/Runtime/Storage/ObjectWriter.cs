using System.Diagnostics;
using Amazon.S3.Model;

namespace S3Exchange;

/// <summary>
/// Writes loose objects and describes them as manifest entries: one PutObject when the content
/// is in memory or seekable and short, otherwise a streamed multipart upload.
/// </summary>
internal sealed class ObjectWriter(ObjectStorage storage, UploadSettings uploadSettings, bool inferIds)
{
    /// <summary>Writes bytes in one PutObject when they fit in one part, otherwise as a multipart upload.</summary>
    public async Task<FileEntry> PutBytesAsync(string fullKey, ReadOnlyMemory<byte> data, PutObjectOptions? options, CancellationToken cancellationToken)
    {
        if (data.Length <= uploadSettings.PartSize)
        {
            var started = Stopwatch.GetTimestamp();
            var etag = await storage.PutAsync(ObjectStorage.NewPut(fullKey, data, options?.ContentType), cancellationToken).ConfigureAwait(false);
            ReportOnePut(options, fullKey, data.Length, started);
            return NewFileEntry(fullKey, data.Length, etag, options);
        }

        return await UploadAsync(fullKey, new ReadOnlyMemoryStream(data), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a stream's remaining bytes: one PutObject, read straight from the stream, when it
    /// is seekable and has at most <paramref name="singlePutBytes"/> left; otherwise a streamed
    /// multipart upload. The stream is not disposed.
    /// </summary>
    public async Task<FileEntry> PutStreamAsync(string fullKey, Stream data, long singlePutBytes, PutObjectOptions? options, CancellationToken cancellationToken)
    {
        if (data.CanSeek && data.Length - data.Position <= singlePutBytes)
        {
            var size = data.Length - data.Position;
            var request = new PutObjectRequest { Key = fullKey, InputStream = data, ContentType = options?.ContentType, AutoCloseStream = false };
            var started = Stopwatch.GetTimestamp();
            var etag = await storage.PutAsync(request, cancellationToken).ConfigureAwait(false);
            ReportOnePut(options, fullKey, size, started);
            return NewFileEntry(fullKey, size, etag, options);
        }

        return await UploadAsync(fullKey, data, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="PutStreamAsync"/> of the file at <paramref name="filePath"/>.</summary>
    public async Task<FileEntry> PutFileAsync(string fullKey, string filePath, long singlePutBytes, PutObjectOptions? options, CancellationToken cancellationToken)
    {
        var file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            return await PutStreamAsync(fullKey, file, singlePutBytes, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<FileEntry> UploadAsync(string fullKey, Stream data, PutObjectOptions? options, CancellationToken cancellationToken)
    {
        var upload = storage.OpenWrite(fullKey, options?.ContentType, uploadSettings, options?.Progress, data.CanSeek ? data.Length - data.Position : null);
        await using (upload.ConfigureAwait(false))
        {
            await data.CopyToAsync(upload, cancellationToken).ConfigureAwait(false);
            var result = await upload.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return NewFileEntry(fullKey, result.SizeBytes, result.ETag, options);
        }
    }

    private static void ReportOnePut(PutObjectOptions? options, string fullKey, long size, long started) =>
        options?.Progress?.Report(new TransferProgress(TransferStep.FileUploaded, fullKey, null, 1, size, 1, 1, Stopwatch.GetElapsedTime(started)) { TotalBytes = size });

    private FileEntry NewFileEntry(string fullKey, long size, string? etag, PutObjectOptions? options) => new(fullKey)
    {
        Id = options?.Id ?? (inferIds ? KeyPath.InferId(fullKey) : null),
        Meta = options?.Meta,
        ContentType = options?.ContentType,
        SizeBytes = size,
        ETag = etag,
    };
}
