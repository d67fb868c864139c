using System.Buffers;

namespace S3Exchange;

/// <summary>
/// A write-only stream into one array rented from a pool, grown (rent larger, copy, return) when
/// full. Holds one block's deflated output while it waits for its turn to be written; disposing
/// returns the array.
/// </summary>
internal sealed class PooledBufferStream(ArrayPool<byte> pool, int capacity) : Stream
{
    // A positive capacity, so an empty array means disposed.
    private byte[] buffer = pool.Rent(capacity);
    private int length;

    /// <summary>What has been written so far; valid until the next write or disposal.</summary>
    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    /// <summary>Forgets what was written, keeping the array.</summary>
    public void Clear() => length = 0;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetSpan(data.Length));
        length += data.Length;
    }

    /// <summary>Room for at least <paramref name="size"/> bytes after what was written, for a coder that writes in place; <see cref="Advance"/> then says how many it wrote.</summary>
    public Span<byte> GetSpan(int size)
    {
        ObjectDisposedException.ThrowIf(buffer.Length == 0, this);
        if (size > buffer.Length - length)
        {
            var larger = pool.Rent(Math.Max(buffer.Length * 2, length + size));
            buffer.AsSpan(0, length).CopyTo(larger);
            pool.Return(buffer);
            buffer = larger;
        }

        return buffer.AsSpan(length);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into the span <see cref="GetSpan"/> gave.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - length);
        length += count;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && buffer.Length > 0)
        {
            pool.Return(buffer);
            buffer = [];
            length = 0;
        }

        base.Dispose(disposing);
    }
}
