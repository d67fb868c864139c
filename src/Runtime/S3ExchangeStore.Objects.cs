namespace S3Exchange;

public sealed partial class S3ExchangeStore
{
    /// <summary>
    /// Opens an object for reading (the Python <c>get_object</c>). A virtual key
    /// <c>archive#member</c> opens that member of a shard archive; when no such archive
    /// exists, the key is tried as a plain object key.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">Neither the object nor the member exists.</exception>
    public Task<Stream> GetObjectAsync(string key, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(key);
        return S3ExchangeTelemetry.TraceAsync("GetObject", Bucket, fullKey, () => objectOpener.OpenKeyAsync(fullKey, cancellationToken));
    }

    /// <summary>
    /// Opens the object an entry names: a loose object by its key, or a shard member (one
    /// ranged GET when the entry records the member's offset in a plain tar archive).
    /// </summary>
    public Task<Stream> OpenAsync(FileEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return S3ExchangeTelemetry.TraceAsync("Open", Bucket, entry.Key, () => objectOpener.OpenAsync(entry, cancellationToken));
    }

    /// <summary>The object's size, ETag, content type and user metadata (the Python <c>get_metadata</c>).</summary>
    /// <exception cref="ObjectNotFoundException">No object has that key.</exception>
    public Task<ObjectInfo> GetMetadataAsync(string key, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(key);
        return S3ExchangeTelemetry.TraceAsync("GetMetadata", Bucket, fullKey, async () =>
            await storage.HeadAsync(fullKey, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(fullKey));
    }

    /// <summary>Whether an object exists at <paramref name="key"/> (the Python <c>exists</c>).</summary>
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(key);
        return S3ExchangeTelemetry.TraceAsync("Exists", Bucket, fullKey, async () => await storage.HeadAsync(fullKey, cancellationToken).ConfigureAwait(false) is not null);
    }

    /// <summary>Writes bytes to <paramref name="key"/> and returns the entry to put in a manifest (the Python <c>put_object</c>).</summary>
    public Task<FileEntry> PutObjectAsync(string key, ReadOnlyMemory<byte> data, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(key);
        return S3ExchangeTelemetry.TraceAsync("PutObject", Bucket, fullKey, () => objectWriter.PutBytesAsync(fullKey, data, options, cancellationToken));
    }

    /// <summary>
    /// Writes a stream's remaining bytes to <paramref name="key"/>: one PutObject when it is
    /// seekable and short, otherwise a streamed multipart upload; the stream is not disposed.
    /// </summary>
    public Task<FileEntry> PutObjectAsync(string key, Stream data, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fullKey = ResolveKey(key);
        return S3ExchangeTelemetry.TraceAsync("PutObject", Bucket, fullKey, () => objectWriter.PutStreamAsync(fullKey, data, Options.PartSizeBytes, options, cancellationToken));
    }

    /// <summary>Uploads the file at <paramref name="filePath"/> to <paramref name="key"/> (the Python <c>put_object</c> with a path).</summary>
    public Task<FileEntry> PutFileAsync(string key, string filePath, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(key);
        return S3ExchangeTelemetry.TraceAsync("PutFile", Bucket, fullKey, () => objectWriter.PutFileAsync(fullKey, filePath, Options.PartSizeBytes, options, cancellationToken));
    }

    /// <summary>
    /// <see cref="PutFileAsync(string, string, PutObjectOptions?, CancellationToken)"/> with one
    /// PutObject, read straight from disk, for files up to <paramref name="singlePutBytes"/>
    /// (above the store's part size): servers store a multipart object twice (parts, then joined).
    /// </summary>
    internal async Task<FileEntry> PutFileAsync(string key, string filePath, long singlePutBytes, PutObjectOptions? options, CancellationToken cancellationToken) =>
        await objectWriter.PutFileAsync(ResolveKey(key), filePath, singlePutBytes, options, cancellationToken).ConfigureAwait(false);

    /// <summary>Downloads one object (or virtual key) to <paramref name="filePath"/>; the file appears only once complete.</summary>
    public Task DownloadAsync(string key, string filePath, CancellationToken cancellationToken = default) =>
        DownloadAsync(key, filePath, null, cancellationToken);

    /// <summary>
    /// <see cref="DownloadAsync(string, string, CancellationToken)"/>, telling <paramref name="progress"/>
    /// of the bytes written every 8 MiB and at the end (<see cref="TransferStep.BytesDownloaded"/>,
    /// with the object's size as <see cref="TransferProgress.TotalBytes"/> when the server sent it).
    /// </summary>
    public Task DownloadAsync(string key, string filePath, IProgress<TransferProgress>? progress, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(key);
        return S3ExchangeTelemetry.TraceAsync("Download", Bucket, fullKey, async () =>
        {
            var content = await objectOpener.OpenKeyAsync(fullKey, cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                var written = progress is null ? null : DownloadProgress.For(progress, fullKey, content);
                await VerifiedFileWriter.WriteAsync(content, Path.GetFullPath(filePath), null, new FetchOptions(), written, cancellationToken).ConfigureAwait(false);
            }
        });
    }
}
