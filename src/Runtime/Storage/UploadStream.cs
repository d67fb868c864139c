using Amazon.S3.Model;

namespace S3Exchange;

/// <summary>
/// A write-only stream whose bytes become one object. Up to one part is buffered (leased from
/// the store's <see cref="BufferBudget"/> when the first byte of it is written, so at most one
/// more than the parts in flight, and all uploads of the store within its budget); a stream that
/// ends within the first part is stored with one PutObject, a longer one as a multipart upload
/// whose parts go up while the caller keeps writing (at most
/// <see cref="UploadSettings.MaxConcurrentParts"/> in flight). Call <see cref="CompleteAsync"/>
/// to commit; disposing without it aborts the upload, so no partial object ever appears.
/// </summary>
/// <remarks>
/// Synchronous writes never wait for the network: a part they fill is parked and goes up at
/// the next asynchronous call (<see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>,
/// <see cref="FlushAsync(CancellationToken)"/> or <see cref="CompleteAsync"/>), which also waits
/// for a free part slot. A writer that writes synchronously (a compressor between the caller
/// and this stream, such as SharpZipLib's bzip2) should call <see cref="FlushAsync(CancellationToken)"/>
/// after each of its own writes, so that parked parts stay few: a synchronous write that needs a
/// buffer takes it from the budget at once, past it if need be (<see cref="BufferBudget.LeaseNow"/>),
/// where an asynchronous one waits for room.
/// </remarks>
internal sealed class UploadStream : Stream
{
    private readonly ObjectStorage storage;
    private readonly string key;
    private readonly string? contentType;
    private readonly UploadSettings settings;
    private readonly BufferBudget budget;
    private readonly SemaphoreSlim slots;
    private readonly List<Task<PartETag>> parts = [];

    // Full parts not yet handed to an upload task; this stream returns them to the budget if they never go.
    private readonly Queue<(byte[] Part, int Size)> parked = new();
    private byte[] buffer;
    private int buffered;
    private long length;
    private string? uploadId;
    private bool finished;
    private int partsSent;

    /// <param name="storage">Where the object goes.</param>
    /// <param name="key">The object's full key.</param>
    /// <param name="contentType">Its content type, if any.</param>
    /// <param name="settings">Part size, parts in flight and the budget part buffers are leased from.</param>
    public UploadStream(ObjectStorage storage, string key, string? contentType, UploadSettings settings)
    {
        this.storage = storage;
        this.key = key;
        this.contentType = contentType;
        this.settings = settings;
        budget = settings.Budget;
        slots = new SemaphoreSlim(settings.MaxConcurrentParts);
        buffer = [];
    }

    /// <summary>Told of each part sent (<see cref="TransferStep.PartUploaded"/>), or of the one PutObject (<see cref="TransferStep.FileUploaded"/>).</summary>
    public IProgress<TransferProgress>? Progress { get; init; }

    /// <summary>How many bytes will be written, when the writer knows: gives the reports their totals.</summary>
    public long? ExpectedLength { get; init; }

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

    public override void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[Fill(data)..];
        }
    }

    // SharpZipLib's bzip2 writes its output a byte at a time; Stream's default would allocate an array for each.
    public override void WriteByte(byte value) => Fill(new ReadOnlySpan<byte>(in value));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        while (!data.IsEmpty)
        {
            // Nothing is parked here (the flush sent it), so waiting holds back no part of this upload.
            if (buffer.Length == 0)
            {
                ObjectDisposedException.ThrowIf(finished, this);
                buffer = await budget.LeaseAsync(settings.PartSize, continuing: parts.Count > 0, cancellationToken).ConfigureAwait(false);
            }

            data = data[Fill(data.Span)..];
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the parts that synchronous writes filled (waiting for part slots); the part being filled stays buffered.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        parked.Count == 0 ? Task.CompletedTask : SubmitParkedAsync(cancellationToken);

    /// <summary>Uploads what is buffered and commits the object.</summary>
    public async Task<UploadResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        try
        {
            string? etag;
            if (uploadId is null && parked.Count == 0)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                etag = await storage.PutAsync(ObjectStorage.NewPut(key, buffer.AsMemory(0, buffered), contentType), cancellationToken).ConfigureAwait(false);
                Progress?.Report(new TransferProgress(TransferStep.FileUploaded, key, null, 1, buffered, 1, 1, System.Diagnostics.Stopwatch.GetElapsedTime(started)) { TotalBytes = buffered });
            }
            else
            {
                if (buffered > 0)
                {
                    Park();
                }

                await SubmitParkedAsync(cancellationToken).ConfigureAwait(false);
                var partETags = await Task.WhenAll(parts).ConfigureAwait(false);
                etag = await storage.CompleteMultipartUploadAsync(key, uploadId!, partETags, cancellationToken).ConfigureAwait(false);
            }

            Finish();
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

    // Nothing in the library disposes an upload synchronously; for Stream's contract, the
    // buffers are returned here and the abort (best effort, after the parts in flight) goes on
    // without this thread waiting for it.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ = AbortAsync();
        }

        base.Dispose(disposing);
    }

    private int Fill(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        if (buffer.Length == 0 && !data.IsEmpty)
        {
            buffer = budget.LeaseNow(settings.PartSize);
        }

        var n = Math.Min(data.Length, settings.PartSize - buffered);
        data[..n].CopyTo(buffer.AsSpan(buffered));
        buffered += n;
        length += n;
        if (buffered == settings.PartSize)
        {
            Park();
        }

        return n;
    }

    // The next buffer is leased by the next write, not here: a parked part may wait for a slot,
    // and an empty buffer leased meanwhile would be one part more than the bound.
    private void Park()
    {
        parked.Enqueue((buffer, buffered));
        buffer = [];
        buffered = 0;
    }

    // A parked part leaves the queue only once it has a slot and an upload task, so on any
    // failure before that it is still here for AbortAsync to return.
    private async Task SubmitParkedAsync(CancellationToken cancellationToken)
    {
        while (parked.Count > 0)
        {
            uploadId ??= await storage.CreateMultipartUploadAsync(key, contentType, cancellationToken).ConfigureAwait(false);
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            var (part, size) = parked.Dequeue();
            var partNumber = parts.Count + 1;
            var id = uploadId;

            // Task.Run without the token: a task cancelled before it starts would never run
            // UploadPartAsync's finally, which returns the buffer and the slot.
            parts.Add(Task.Run(() => UploadPartAsync(id, partNumber, part, size, cancellationToken), CancellationToken.None));
        }
    }

    private async Task<PartETag> UploadPartAsync(string id, int partNumber, byte[] part, int size, CancellationToken cancellationToken)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var sent = await storage.UploadPartAsync(key, id, partNumber, part.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            if (Progress is { } progress)
            {
                var total = ExpectedLength is { } expected ? (int)((expected + settings.PartSize - 1) / settings.PartSize) : 0;
                progress.Report(new TransferProgress(TransferStep.PartUploaded, key, null, 0, size, Interlocked.Increment(ref partsSent), total, System.Diagnostics.Stopwatch.GetElapsedTime(started)) { TotalBytes = ExpectedLength });
            }

            return sent;
        }
        finally
        {
            budget.Return(part);
            slots.Release();
        }
    }

    // Returns the buffers this stream holds (parts in flight return their own).
    private void Finish()
    {
        finished = true;
        if (buffer.Length > 0)
        {
            budget.Return(buffer);
        }

        buffer = [];
        while (parked.TryDequeue(out var left))
        {
            budget.Return(left.Part);
        }
    }

    private async Task AbortAsync()
    {
        if (finished)
        {
            return;
        }

        Finish();
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

        await storage.TryAbortMultipartUploadAsync(key, uploadId, parts.Count).ConfigureAwait(false);
    }
}
