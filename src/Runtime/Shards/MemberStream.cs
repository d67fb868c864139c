using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>
/// A read-only window on the current member of a tar stream. It never closes the archive
/// stream; once the reader moves to the next member it is detached and reads fail, so a
/// caller cannot silently read another member's bytes. Optionally owns the archive's reader,
/// disposed with it, when one member was opened on its own. A fault of the archive met while
/// reading the member's bytes (corrupt compressed data, a cut connection) is a
/// <see cref="ShardReadException"/> naming the archive, as it is between members.
/// </summary>
internal sealed class MemberStream(Stream archive, ShardEntry shard, string key, long length, ShardMemberReader? owner = null) : Stream
{
    private long position;
    private bool detached;

    public override bool CanRead => !detached;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public void Detach() => detached = true;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var window = Window(buffer.Length);
        if (window == 0)
        {
            return 0;
        }

        int n;
        try
        {
            n = archive.Read(buffer[..window]);
        }
        catch (Exception ex) when (ShardMemberReader.IsArchiveFault(ex))
        {
            throw ShardMemberReader.Unreadable(shard, ex);
        }

        position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Pooled: a 1 MiB member is a dozen reads, and each read that waits for the network would
    // otherwise leave a state machine box behind.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var window = Window(buffer.Length);
        if (window == 0)
        {
            return 0;
        }

        int n;
        try
        {
            n = await archive.ReadAsync(buffer[..window], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ShardMemberReader.IsArchiveFault(ex))
        {
            throw ShardMemberReader.Unreadable(shard, ex);
        }

        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        detached = true;
        if (owner is not null)
        {
            await owner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        detached = true;
        if (disposing)
        {
            owner?.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Window(int requested)
    {
        if (detached)
        {
            throw new InvalidOperationException($"The content of '{key}' is no longer readable: it was disposed, or the enumeration moved on to the next object. Read each object before asking for the next.");
        }

        return (int)Math.Min(requested, length - position);
    }
}
