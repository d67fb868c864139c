using System.Buffers;
using Amazon.S3.Model;

namespace S3Exchange;

/// <summary>
/// A write-only stream whose bytes become one object. Up to one part is buffered; a stream that
/// ends within the first part is stored with one PutObject, a longer one as a multipart upload
/// whose parts go up while the caller keeps writing (at most
/// <see cref="UploadSettings.MaxConcurrentParts"/> in flight). Call <see cref="CompleteAsync"/>
/// to commit; disposing without it aborts the upload, so no partial object ever appears.
/// </summary>
internal sealed class UploadStream : Stream
{
    private readonly ObjectStorage storage;
    private readonly string key;
    private readonly string? contentType;
    private readonly UploadSettings settings;
    private readonly SemaphoreSlim slots;
    private readonly List<Task<PartETag>> parts = [];
    private byte[] buffer;
    private int buffered;
    private long length;
    private string? uploadId;
    private bool finished;

    public UploadStream(ObjectStorage storage, string key, string? contentType, UploadSettings settings)
    {
        this.storage = storage;
        this.key = key;
        this.contentType = contentType;
        this.settings = settings;
        slots = new SemaphoreSlim(settings.MaxConcurrentParts);
        buffer = ArrayPool<byte>.Shared.Rent(settings.PartSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !finished;

    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // Synchronous writers (SharpZipLib's bzip2) block here only while all part slots are busy.
    public override void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var n = Fill(data);
            data = data[n..];
            if (buffered == settings.PartSize)
            {
                SubmitPartAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (!data.IsEmpty)
        {
            var n = Fill(data.Span);
            data = data[n..];
            if (buffered == settings.PartSize)
            {
                await SubmitPartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Uploads what is buffered and commits the object.</summary>
    public async Task<UploadResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        try
        {
            if (uploadId is null)
            {
                var request = ObjectStorage.NewPut(key, buffer.AsMemory(0, buffered), contentType);
                var putETag = await storage.PutAsync(request, cancellationToken).ConfigureAwait(false);
                finished = true;
                return new UploadResult(key, length, putETag);
            }

            if (buffered > 0)
            {
                await SubmitPartAsync(cancellationToken).ConfigureAwait(false);
            }

            var partETags = await Task.WhenAll(parts).ConfigureAwait(false);
            var etag = await storage.CompleteMultipartUploadAsync(key, uploadId, partETags, cancellationToken).ConfigureAwait(false);
            finished = true;
            return new UploadResult(key, length, etag);
        }
        catch
        {
            await AbortAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AbortAsync().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private int Fill(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        var n = Math.Min(data.Length, settings.PartSize - buffered);
        data[..n].CopyTo(buffer.AsSpan(buffered));
        buffered += n;
        length += n;
        return n;
    }

    private async Task SubmitPartAsync(CancellationToken cancellationToken)
    {
        uploadId ??= await storage.CreateMultipartUploadAsync(key, contentType, cancellationToken).ConfigureAwait(false);

        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var partNumber = parts.Count + 1;
        var part = buffer;
        var size = buffered;
        buffer = ArrayPool<byte>.Shared.Rent(settings.PartSize);
        buffered = 0;
        var id = uploadId;
        parts.Add(Task.Run(() => UploadPartAsync(id, partNumber, part, size, cancellationToken), cancellationToken));
    }

    private async Task<PartETag> UploadPartAsync(string id, int partNumber, byte[] part, int size, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.UploadPartAsync(key, id, partNumber, part.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(part);
            slots.Release();
        }
    }

    private async Task AbortAsync()
    {
        if (finished)
        {
            return;
        }

        finished = true;
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        if (uploadId is null)
        {
            return;
        }

        try
        {
            await Task.WhenAll(parts).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The parts' own failures are reported by CompleteAsync; here only the abort matters.
        }

        await storage.TryAbortMultipartUploadAsync(key, uploadId).ConfigureAwait(false);
    }
}
