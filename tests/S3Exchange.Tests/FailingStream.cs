namespace S3Exchange.Tests;

/// <summary>
/// A source that reads <paramref name="failAfter"/> bytes (all 7s), then throws an
/// <see cref="IOException"/> saying how far it got. Not seekable and of no known length, so the
/// store streams it (a multipart upload once it passes a part) rather than measuring it first.
/// </summary>
internal sealed class FailingStream(long failAfter) : Stream
{
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (position >= failAfter)
        {
            throw new IOException($"the source failed after {position} bytes");
        }

        var n = (int)Math.Min(count, failAfter - position);
        Array.Fill(buffer, (byte)7, offset, n);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
