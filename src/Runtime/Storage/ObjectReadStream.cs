using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>
/// An object's content as it streams from the server: the SDK's response stream, with a
/// connection that fails mid-body (reset, cut short) reported as an
/// <see cref="S3OperationException"/> of <c>GetObject</c> naming the key, like a failed request.
/// </summary>
/// <remarks><see cref="Length"/> is the response's Content-Length (the SDK's stream may not know it).</remarks>
internal sealed class ObjectReadStream(Stream response, string key, long contentLength) : Stream
{
    public override bool CanRead => response.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => contentLength;

    public override long Position
    {
        get => response.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            var read = response.Read(buffer);
            S3ExchangeTelemetry.CountBytesReceived(read);
            return read;
        }
        catch (Exception ex) when (S3ErrorTranslation.IsRequestFailure(ex))
        {
            throw new S3OperationException(S3Operations.GetObject, key, ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Pooled, as the member reads over it are: one call per buffer of every object read.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await response.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            S3ExchangeTelemetry.CountBytesReceived(read);
            return read;
        }
        catch (Exception ex) when (S3ErrorTranslation.IsRequestFailure(ex))
        {
            throw new S3OperationException(S3Operations.GetObject, key, ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => response.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            response.Dispose();
        }

        base.Dispose(disposing);
    }
}
