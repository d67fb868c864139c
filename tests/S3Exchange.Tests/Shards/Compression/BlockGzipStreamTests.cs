using S3Exchange.Tests.Storage;

namespace S3Exchange.Tests.Shards.Compression;

/// <summary>
/// The block gzip writer on its own (no server): one gzip member whose trailer holds the CRC-32
/// and length of all input, bytes that depend on the input alone, stored blocks for data that does
/// not compress, and every pooled buffer back on every way out.
/// </summary>
public sealed class BlockGzipStreamTests
{
    private const int SmallBlock = 4096;

    public static TheoryData<string, int, int> Inputs => new()
    {
        { "empty", 0, SmallBlock },
        { "one byte", 1, SmallBlock },
        { "exactly three blocks", 3 * SmallBlock, SmallBlock },
        { "three blocks and one byte", (3 * SmallBlock) + 1, SmallBlock },
        { "mixed, default blocks", (3 * BlockGzipStream.BlockSize) + 12345, BlockGzipStream.BlockSize },
        { "exactly two default blocks", 2 * BlockGzipStream.BlockSize, BlockGzipStream.BlockSize },
    };

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    [InlineData(1, 1)]
    [InlineData(1000, 3)]
    [InlineData(70_000, 1_048_576)]
    public void Joining_the_CRCs_of_two_parts_gives_the_CRC_of_the_whole(int first, int second)
    {
        var data = Mixed(first + second, 7);

        var joined = Crc32Combination.Append(GzipReference.Crc32(data.AsSpan(0, first)), GzipReference.Crc32(data.AsSpan(first)), second);

        Assert.Equal(GzipReference.Crc32(data), joined);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task The_output_is_one_gzip_member_with_a_fixed_header_and_the_whole_inputs_trailer(string name, int length, int blockSize)
    {
        var input = Mixed(length, 1);

        var output = await CompressAsync(input, 6, blockSize);

        Assert.True(output.AsSpan(0, 10).SequenceEqual(new byte[] { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF }), name);
        Assert.Equal(GzipReference.Trailer(input), output[^8..]);
        Assert.Equal(input, GzipReference.Decompress(output));
    }

    [Fact]
    public async Task The_same_input_gives_the_same_bytes_whatever_the_thread_timing_and_write_sizes()
    {
        var input = Mixed(40 * SmallBlock, 2);

        var first = await CompressAsync(input, 6, SmallBlock, writeSize: 1000, delaySeed: 1);
        var second = await CompressAsync(input, 6, SmallBlock, writeSize: 4096 * 7, delaySeed: 2);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Random_data_is_stored_at_its_size_and_text_compresses()
    {
        var random = TestData.Random(4 * BlockGzipStream.BlockSize, 3);
        var text = GzipReference.Text(4 * BlockGzipStream.BlockSize);

        var storedRandom = await CompressAsync(random, 9, BlockGzipStream.BlockSize);
        var compressedText = await CompressAsync(text, 9, BlockGzipStream.BlockSize);

        // Stored: 5 bytes of block header every 32 KiB (zlib's stored blocks are a window long), the
        // gzip framing, one sync flush a block.
        var storedOverhead = (5 * ((random.Length / 32768) + 4 + 4)) + 20;
        Assert.InRange(storedRandom.Length, random.Length, random.Length + storedOverhead);
        Assert.InRange(compressedText.Length, 1, text.Length / 8);
        Assert.Equal(random, GzipReference.Decompress(storedRandom));
        Assert.Equal(text, GzipReference.Decompress(compressedText));
    }

    [Fact]
    public async Task Blocks_in_flight_are_bounded_and_every_buffer_goes_back()
    {
        var pool = new CountingPool();
        var input = Mixed(100 * SmallBlock, 4);

        var output = await CompressAsync(input, 6, SmallBlock, pool: pool, writeSize: 3 * SmallBlock, delaySeed: 3);

        Assert.Equal(input, GzipReference.Decompress(output));
        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));

        // An input and an output buffer per block in flight, and the block being filled.
        Assert.InRange(pool.PeakOutstanding, 2, (2 * BlockGzipStream.MaxBlocksInFlight) + 1);
    }

    [Fact]
    public async Task A_failing_destination_reaches_the_writer_and_every_buffer_goes_back()
    {
        var pool = new CountingPool();
        var destination = new FailingDestination(failAtWrite: 3);
        var gzip = new BlockGzipStream(destination, 6, pool, SmallBlock);
        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await using (gzip)
            {
                await gzip.WriteAsync(Mixed(20 * SmallBlock, 5));
                await gzip.CompleteAsync(CancellationToken.None);
            }
        });

        Assert.Equal("write 3 failed", failure.Message);
        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
    }

    [Fact]
    public async Task A_block_that_fails_to_deflate_reaches_the_writer_and_every_buffer_goes_back()
    {
        var outputs = 0;
        var pool = new CountingPool
        {
            // Output buffers are a block and 1 KiB: the third block's fails.
            OnRentLength = length =>
            {
                if (length > SmallBlock && Interlocked.Increment(ref outputs) == 3)
                {
                    throw new InsufficientMemoryException("no output buffer");
                }
            },
        };
        var gzip = new BlockGzipStream(Stream.Null, 6, pool, SmallBlock);
        var failure = await Assert.ThrowsAsync<InsufficientMemoryException>(async () =>
        {
            await using (gzip)
            {
                await gzip.WriteAsync(Mixed(20 * SmallBlock, 6));
                await gzip.CompleteAsync(CancellationToken.None);
            }
        });

        Assert.Equal("no output buffer", failure.Message);
        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
    }

    [Fact]
    public async Task A_cancelled_write_throws_and_every_buffer_goes_back()
    {
        var pool = new CountingPool();
        using var cancellation = new CancellationTokenSource();
        var destination = new FailingDestination(failAtWrite: int.MaxValue) { OnWrite = count => { if (count == 2) { cancellation.Cancel(); } } };
        var gzip = new BlockGzipStream(destination, 6, pool, SmallBlock);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using (gzip)
            {
                for (var i = 0; i < 40; i++)
                {
                    await gzip.WriteAsync(Mixed(SmallBlock, 10 + i), cancellation.Token);
                }

                await gzip.CompleteAsync(cancellation.Token);
            }
        });

        Assert.Equal((0, 0), (pool.Outstanding, pool.UnknownReturns));
    }

    [Fact]
    public async Task Synchronous_writes_are_refused()
    {
        await using var gzip = new BlockGzipStream(Stream.Null, 6);

        var refused = Assert.Throws<NotSupportedException>(() => gzip.Write([1, 2, 3]));

        Assert.Equal("Write a block gzip stream asynchronously: a full block may have to wait for one in flight.", refused.Message);
    }

    /// <summary>Random stretches (which are stored) and text stretches (which compress), a few KiB each, from a seed.</summary>
    internal static byte[] Mixed(int length, int seed)
    {
        var random = new Random(seed);
        var data = GzipReference.Text(length);
        for (var at = 0; at < length; at += 6000)
        {
            if (random.Next(2) == 0)
            {
                random.NextBytes(data.AsSpan(at, Math.Min(6000, length - at)));
            }
        }

        return data;
    }

    /// <summary>The input through a block gzip writer in writes of <paramref name="writeSize"/>; the whole member.</summary>
    internal static async Task<byte[]> CompressAsync(byte[] input, int level, int blockSize = BlockGzipStream.BlockSize, CountingPool? pool = null, int writeSize = 65536, int? delaySeed = null)
    {
        using var output = new MemoryStream();
        Stream destination = delaySeed is { } seed ? new DelayingStream(output, seed) : output;
        var gzip = new BlockGzipStream(destination, level, pool, blockSize);
        await using (gzip)
        {
            for (var at = 0; at < input.Length; at += writeSize)
            {
                await gzip.WriteAsync(input.AsMemory(at, Math.Min(writeSize, input.Length - at)));
            }

            await gzip.CompleteAsync(CancellationToken.None);
        }

        return output.ToArray();
    }

    /// <summary>Writes through after a random pause of up to 2 ms, so blocks finish in varying order relative to the writer.</summary>
    private sealed class DelayingStream(Stream inner, int seed) : WriteOnlyStream
    {
        private readonly Random random = new(seed);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(random.Next(3), cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>Throws on its n-th asynchronous write; tells each write's count first.</summary>
    private sealed class FailingDestination(int failAtWrite) : WriteOnlyStream
    {
        private int writes;

        public Action<int>? OnWrite { get; init; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            writes++;
            OnWrite?.Invoke(writes);
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (writes == failAtWrite)
            {
                throw new IOException($"write {writes} failed");
            }
        }
    }

    private abstract class WriteOnlyStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
