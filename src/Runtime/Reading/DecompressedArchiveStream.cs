using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Amazon.S3.Model;

namespace S3Exchange;

/// <summary>
/// A shard archive's decompressed bytes, produced on a background task: the response body is
/// read and decompressed (gzip, bzip2, or copied for plain tar) into pooled chunks handed over
/// through a bounded queue, and the tar parser reads them on the caller's side. Decompression
/// thus runs on another core than the caller's consumption, and an archive fetched ahead
/// (<see cref="ManifestObjectReader"/> starts the next one while the current is read) is
/// decompressed while the current one is consumed.
/// Memory per archive is at most its queue (<see cref="QueuedChunks"/> by default, or what
/// <see cref="ReadObjectsOptions.DecompressAheadBytes"/> asks) + 2 chunks of
/// <see cref="ChunkBytes"/> (queued, being filled, being read): 1.5 MiB by default, whatever the
/// archive's size. Disposing stops the producer, returns every chunk to the pool and disposes the
/// response. A failure of the body or the decompressor is rethrown, as it was thrown, to the
/// read that reaches it.
/// </summary>
internal sealed class DecompressedArchiveStream : Stream
{
    /// <summary>
    /// 256 KiB: gzip fills one in about half a millisecond at ~470 MiB/s, so one hand-over per
    /// chunk costs nothing against it, and the tar parser's 512-byte header reads rarely cross one.
    /// </summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>Four chunks (1 MiB) by default let the producer run about two milliseconds ahead of a reader that stalls.</summary>
    public const int QueuedChunks = ReadObjectsOptions.DefaultDecompressAheadBytes / ChunkBytes;

    private readonly Channel<Chunk> queue;
    private readonly CancellationTokenSource stopping;
    private readonly ArrayPool<byte> pool;
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task producer;
    private Exception? fault;
    private Chunk reading;
    private int readOffset;
    private bool disposed;

    /// <summary>
    /// Sends the archive's GET now and decompresses its body as it arrives. The request and the
    /// decompression stop when <paramref name="cancellationToken"/> is cancelled or this stream
    /// is disposed (which also disposes the response, releasing its connection).
    /// </summary>
    /// <param name="storage">Where the archive is.</param>
    /// <param name="shard">The archive; see <see cref="ShardMemberReader.CanDecode"/>.</param>
    /// <param name="cancellationToken">Cancels the request and the decompression.</param>
    /// <param name="pool">Where chunks are rented (the shared pool unless a test counts them).</param>
    /// <param name="queuedChunks">How many decompressed chunks may wait for the reader.</param>
    public DecompressedArchiveStream(ObjectStorage storage, ShardEntry shard, CancellationToken cancellationToken, ArrayPool<byte>? pool = null, int queuedChunks = QueuedChunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queuedChunks, 1);
        queue = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(queuedChunks) { SingleReader = true, SingleWriter = true });
        stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        this.pool = pool ?? ArrayPool<byte>.Shared;
        var get = storage.GetAsync(shard.ArchiveKey, null, stopping.Token);
        producer = Task.Run(() => ProduceAsync(shard, get, stopping.Token));
    }

    /// <summary>
    /// Completes once the response has arrived and the decompressor is made; fails as opening
    /// the archive directly would (a missing archive, a bzip2 stream header that is not one).
    /// </summary>
    public Task Opened => opened.Task;

    public override bool CanRead => !disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // A synchronous reader blocks here as it would have on the response body.
        if (buffer.Length == 0 || !HasChunkAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            return 0;
        }

        return CopyOut(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0 || !await HasChunkAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        return CopyOut(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            disposed = true;
            await stopping.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
            stopping.Dispose();
            ReturnChunks();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            stopping.Cancel();
            producer.GetAwaiter().GetResult();
            stopping.Dispose();
            ReturnChunks();
        }

        base.Dispose(disposing);
    }

    // Whether a chunk with unread bytes is in hand, taking the next one when the current is spent;
    // false at the end of the archive; the producer's failure when it failed.
    private async ValueTask<bool> HasChunkAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (reading.Array is not null && readOffset < reading.Length)
        {
            return true;
        }

        ReturnReading();
        while (await queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (queue.Reader.TryRead(out reading))
            {
                readOffset = 0;
                return true;
            }
        }

        if (fault is not null)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        return false;
    }

    private int CopyOut(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, reading.Length - readOffset);
        reading.Array.AsSpan(readOffset, count).CopyTo(buffer);
        readOffset += count;
        return count;
    }

    private async Task ProduceAsync(ShardEntry shard, Task<GetObjectResponse> get, CancellationToken cancellationToken)
    {
        GetObjectResponse? response = null;
        byte[]? filling = null;
        try
        {
            Stream decompressed;
            try
            {
                response = await get.ConfigureAwait(false);
                decompressed = ShardMemberReader.Decompress(shard, response.ResponseStream);
                opened.SetResult();
            }
            catch (Exception ex)
            {
                opened.SetException(ex);
                return;
            }

            await using (decompressed.ConfigureAwait(false))
            {
                while (true)
                {
                    filling = pool.Rent(ChunkBytes);
                    var length = await FillAsync(decompressed, filling, cancellationToken).ConfigureAwait(false);
                    if (length == 0)
                    {
                        break;
                    }

                    await queue.Writer.WriteAsync(new Chunk(filling, length), cancellationToken).ConfigureAwait(false);
                    filling = null;
                }
            }
        }
        catch (Exception ex)
        {
            // Kept for the reader, who meets it after the chunks read before it.
            fault = ex;
        }
        finally
        {
            if (filling is not null)
            {
                pool.Return(filling);
            }

            response?.Dispose();
            queue.Writer.TryComplete();
        }
    }

    // Fills the chunk up to its end or the archive's, so that small decompressor reads do not make small chunks.
    private static async ValueTask<int> FillAsync(Stream decompressed, byte[] chunk, CancellationToken cancellationToken)
    {
        var length = 0;
        while (length < ChunkBytes)
        {
            var read = await decompressed.ReadAsync(chunk.AsMemory(length, ChunkBytes - length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length;
    }

    private void ReturnReading()
    {
        if (reading.Array is not null)
        {
            pool.Return(reading.Array);
            reading = default;
        }
    }

    // The producer has stopped: what it queued and nobody read goes back to the pool.
    private void ReturnChunks()
    {
        ReturnReading();
        while (queue.Reader.TryRead(out var left))
        {
            pool.Return(left.Array);
        }
    }

    private readonly record struct Chunk(byte[] Array, int Length);
}
