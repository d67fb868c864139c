using System.Buffers;
using System.Buffers.Binary;

namespace S3Exchange;

/// <summary>
/// Writes one gzip member whose input is cut into fixed-size blocks, each deflated on the thread
/// pool while the caller goes on writing (at most <see cref="MaxBlocksInFlight"/> at once), and
/// joined in order into one deflate stream, the way pigz does: readers see a single ordinary
/// gzip member. Blocks that do not compress are stored, and blocks that only Huffman codes shrink
/// are coded without a search for matches (<see cref="DeflatedBlock"/>). The bytes
/// depend only on the input and the level, never on thread timing: blocks are cut at fixed
/// offsets, deflated apart, and written in order.
/// </summary>
/// <remarks>
/// Write asynchronously, then call <see cref="CompleteAsync"/>, which writes the last blocks, the
/// final (empty) deflate block and the trailer (CRC-32 and length of all input). Disposing without
/// completing writes nothing more and only takes back the buffers, so a failed archive leaves
/// its upload to abort. Synchronous writes are refused: they would have to wait on blocks in
/// flight. Memory: one block being filled plus, per block in flight, its input and its output
/// (<see cref="BlockSize"/> each, from the pool). The underlying stream is left open.
/// </remarks>
internal sealed class BlockGzipStream : Stream
{
    /// <summary>
    /// Input bytes a block: 1 MiB less 1 KiB, so that a block's input and its output (stored
    /// worst case: 5 bytes every 64 KiB plus framing) each fit one 1 MiB pooled array. Measured
    /// (docs/performance.md): smaller blocks lose ratio to the restart of each block's window
    /// and cost more per-block set-up; larger ones hold more memory without being faster.
    /// </summary>
    public const int BlockSize = (1024 * 1024) - 1024;

    // ID1 ID2, CM deflate, FLG none, MTIME 0, XFL 0, OS 255 (unknown): the same bytes on every platform.
    private static readonly byte[] Header = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF];

    // A final fixed-Huffman block holding only its end code: BFINAL 1, BTYPE 01, seven zero bits.
    private static readonly byte[] FinalBlock = [0x03, 0x00];

    private readonly Stream destination;
    private readonly int level;
    private readonly ArrayPool<byte> pool;
    private readonly int blockSize;
    private readonly Queue<Task<DeflatedBlock>> inFlight = new();
    private byte[] block = [];
    private int filled;
    private uint crc;
    private long length;
    private bool headerWritten;
    private bool closed;

    /// <param name="destination">Where the member goes; left open.</param>
    /// <param name="level">How hard each block is compressed: a gzip level, 0–9.</param>
    /// <param name="pool">Where block buffers are rented (the shared pool unless a test counts them).</param>
    /// <param name="blockSize">Input bytes a block (<see cref="BlockSize"/> unless a test needs small blocks).</param>
    public BlockGzipStream(Stream destination, int level, ArrayPool<byte>? pool = null, int blockSize = BlockSize)
    {
        GzipLevel.Validate(level, nameof(level));
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        this.destination = destination;
        this.level = level;
        this.pool = pool ?? ArrayPool<byte>.Shared;
        this.blockSize = blockSize;
    }

    /// <summary>
    /// Names how the same input is turned into bytes at a given level: the block size, how a block
    /// is judged stored, entropy-coded or deflated, the entropy coder (blocks/3: the runtime's own,
    /// <see cref="EntropyOnlyDeflate"/>, where blocks/2 asked zlib), and what the runtime's zlib can
    /// be asked for (.NET 8 has only the named levels). Content keys of gzip shards carry it, so
    /// archives coded another way never share a key. Change it with any of those.
    /// </summary>
    public static string Recipe { get; } = GzipLevel.TakesIntegerLevels ? "blocks/3" : "blocks/3 named-levels";

    /// <summary>Blocks deflated at once: one a core, and one more so a core never waits for the writer to cut the next.</summary>
    public static int MaxBlocksInFlight { get; } = Environment.ProcessorCount + 1;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !closed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        while (!data.IsEmpty)
        {
            if (block.Length == 0)
            {
                block = pool.Rent(blockSize);
            }

            var n = Math.Min(data.Length, blockSize - filled);
            data.Span[..n].CopyTo(block.AsSpan(filled));
            filled += n;
            data = data[n..];
            if (filled == blockSize)
            {
                await SubmitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes what is left, the final deflate block and the gzip trailer. Nothing can be written after.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        if (filled > 0)
        {
            await SubmitAsync(cancellationToken).ConfigureAwait(false);
        }

        while (inFlight.Count > 0)
        {
            await WriteOldestAsync(cancellationToken).ConfigureAwait(false);
        }

        var tail = new byte[FinalBlock.Length + 8];
        FinalBlock.CopyTo(tail, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(FinalBlock.Length), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(FinalBlock.Length + 4), unchecked((uint)length));
        await WriteHeaderOnceAsync(cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(tail, cancellationToken).ConfigureAwait(false);
        closed = true;
    }

    /// <summary>Blocks are written whole, as they are deflated: there is nothing to flush before <see cref="CompleteAsync"/>.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Write a block gzip stream asynchronously: a full block may have to wait for one in flight.");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Takes back every buffer: the block being filled, and each block in flight once deflated (its failure, if any, is the writer's to report, not the disposal's).</summary>
    public override async ValueTask DisposeAsync()
    {
        Close(out var pending);
        foreach (var task in pending)
        {
            try
            {
                (await task.ConfigureAwait(false)).Dispose();
            }
            catch (Exception)
            {
                // A block that failed to deflate returned its own buffers.
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    // Nothing in the library disposes this stream synchronously; for Stream's contract the blocks
    // still in flight give their buffers back when they finish, without this thread waiting.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close(out var pending);
            foreach (var task in pending)
            {
                _ = task.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        base.Dispose(disposing);
    }

    private void Close(out List<Task<DeflatedBlock>> pending)
    {
        closed = true;
        if (block.Length > 0)
        {
            pool.Return(block);
            block = [];
        }

        pending = [.. inFlight];
        inFlight.Clear();
    }

    // Hands the filled block to the thread pool once a slot is free (waiting means writing the
    // oldest block out), so at most MaxBlocksInFlight blocks are deflated or waiting at once.
    private async Task SubmitAsync(CancellationToken cancellationToken)
    {
        while (inFlight.Count >= MaxBlocksInFlight)
        {
            await WriteOldestAsync(cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (input, size) = (block, filled);
        block = [];
        filled = 0;

        // Task.Run without the token: a task cancelled before it starts would never return the input.
        inFlight.Enqueue(Task.Run(() => DeflateAndReturn(input, size), CancellationToken.None));
    }

    private DeflatedBlock DeflateAndReturn(byte[] input, int size)
    {
        try
        {
            return DeflatedBlock.Deflate(input.AsSpan(0, size), level, pool);
        }
        finally
        {
            pool.Return(input);
        }
    }

    // The oldest block leaves the queue before it is awaited: if its deflate failed it returned
    // its own buffers, and otherwise it is disposed here whatever the write does.
    private async Task WriteOldestAsync(CancellationToken cancellationToken)
    {
        using var deflated = await inFlight.Dequeue().ConfigureAwait(false);
        await WriteHeaderOnceAsync(cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(deflated.Data, cancellationToken).ConfigureAwait(false);
        crc = Crc32Combination.Append(crc, deflated.Crc, deflated.InputLength);
        length += deflated.InputLength;
    }

    private async ValueTask WriteHeaderOnceAsync(CancellationToken cancellationToken)
    {
        if (!headerWritten)
        {
            headerWritten = true;
            await destination.WriteAsync(Header, cancellationToken).ConfigureAwait(false);
        }
    }
}
