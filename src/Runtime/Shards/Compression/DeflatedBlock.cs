using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace S3Exchange;

/// <summary>
/// One block of a <see cref="BlockGzipStream"/>, deflated on its own: raw deflate data that ends
/// with a sync flush (byte-aligned, no final block), so it can be followed by the next block's
/// data in one deflate stream; with the CRC-32 and length of the input it came from.
/// </summary>
/// <remarks>
/// How a block is coded is judged from a sample of it (<see cref="BlockCoding"/>). A block that
/// Huffman codes would not shrink by 1/16 (random or already-compressed data) is stored, which
/// costs a copy, not a search for matches. A block that a search for matches would shrink by less
/// than 1/16 more than Huffman codes alone at levels 1–5 (1/64 at 6–9) is entropy-coded only, by
/// <see cref="EntropyOnlyDeflate"/>, several times faster than zlib (docs/performance.md): data of
/// few distinct bytes with few repeats (media, features, encoded numbers, and their tar headers).
/// The rest is deflated at the caller's level by its own <see cref="GZipStream"/> (native zlib):
/// <see cref="GZipStream.Flush()"/>
/// ends the data with a sync flush (an empty stored block, 00 00 FF FF), and disposing it writes
/// the final block and a trailer whose CRC-32 zlib computed while deflating; only the bytes
/// between the 10-byte header and the flush are kept.
/// <para>
/// The sample is judged in steps that cost more as they go: its byte frequencies give the size
/// of Huffman codes alone (exactly, for a segment of those frequencies); its repeats
/// (<see cref="RepeatCoverage"/>) tell about what matches could save, and a sample where that is
/// under the bar is never deflated; only the rest is deflated at the caller's level to compare. Not
/// at level 1: zlib-ng's level 1 has no dynamic Huffman codes, so it sees no gain in data that
/// only entropy coding shrinks (6 random bits a byte: 98% at level 1, 75% at level 2).
/// </para>
/// </remarks>
internal sealed class DeflatedBlock : IDisposable
{
    /// <summary>Bytes of the block a sample is taken from, as <see cref="SampleSlices"/> slices spread over it.</summary>
    public const int SampleBytes = 64 * 1024;

    private const int SampleSlices = 4;

    // gzip header without name, comment or extra field, as zlib writes it.
    private const int HeaderLength = 10;
    private const int TrailerLength = 8;
    private static readonly byte[] SyncFlushMarker = [0x00, 0x00, 0xFF, 0xFF];

    private readonly PooledBufferStream output;
    private readonly int start;
    private readonly int end;

    private DeflatedBlock(PooledBufferStream output, int start, int end, uint crc, int inputLength)
    {
        this.output = output;
        this.start = start;
        this.end = end;
        Crc = crc;
        InputLength = inputLength;
    }

    /// <summary>The deflate data: whole deflate blocks, byte-aligned, none final.</summary>
    public ReadOnlyMemory<byte> Data => output.Written[start..end];

    /// <summary>The CRC-32 of the input.</summary>
    public uint Crc { get; }

    /// <summary>How many input bytes the data holds.</summary>
    public int InputLength { get; }

    /// <summary>
    /// Codes <paramref name="input"/> the way a sample of it says pays (see the remarks): stored,
    /// entropy-coded only, or deflated at <paramref name="level"/>.
    /// </summary>
    /// <param name="input">The block; at least one byte.</param>
    /// <param name="level">The caller's gzip level, 0–9.</param>
    /// <param name="pool">Where the output buffer is rented.</param>
    public static DeflatedBlock Deflate(ReadOnlySpan<byte> input, int level, ArrayPool<byte> pool)
    {
        var coding = level == GzipLevel.Stored ? BlockCoding.Stored : Choose(input, level, pool);
        return coding == BlockCoding.EntropyOnly ? CodeEntropyOnly(input, pool) : DeflateWithZlib(input, coding == BlockCoding.Stored ? GzipLevel.Stored : level, pool);
    }

    /// <summary>Returns the output buffer to its pool.</summary>
    public void Dispose() => output.Dispose();

    /// <summary>How a block at <paramref name="level"/> (1–9) pays to be coded, judged from its sample.</summary>
    internal static BlockCoding Choose(ReadOnlySpan<byte> input, int level, ArrayPool<byte> pool)
    {
        var sampleArray = input.Length > SampleBytes ? pool.Rent(SampleBytes) : null;
        try
        {
            var sample = sampleArray is null ? input : Sample(input, sampleArray);
            var entropyOnly = EntropyOnlyDeflate.EstimateLength(sample);
            var worthMatching = sample.Length / MatchSavingDivisor(level);
            var matchesMayPay = RepeatCoverage.Measure(sample).EstimateSavedBytes(sample.Length, entropyOnly) >= worthMatching;
            var matched = matchesMayPay ? DeflatedLength(sample, level, pool) : int.MaxValue;
            if (Math.Min(matched, entropyOnly) * 16L > sample.Length * 15L)
            {
                return BlockCoding.Stored;
            }

            return entropyOnly - (long)matched < worthMatching ? BlockCoding.EntropyOnly : BlockCoding.Matched;
        }
        finally
        {
            if (sampleArray is not null)
            {
                pool.Return(sampleArray);
            }
        }
    }

    // What a search for matches must save beyond Huffman codes alone to be paid for, as a
    // fraction of the block. zlib's search at level 2 costs about ten times the CPU of the
    // entropy coder (docs/performance.md), so at the fast levels (1-5, the default 2) it must save
    // 1/16, the same bar a block must clear not to be stored: a tar of 6-bit members, whose headers
    // repeat, saves about 2% and is entropy-coded. Levels 6-9 are a caller's choice of size over
    // CPU, and keep the bar at 1/64.
    private static int MatchSavingDivisor(int level) => level < 6 ? 16 : 64;

    // Slices spread over the block, so a block that starts with a small compressible tar header
    // and goes on with a compressed member (or the reverse) is judged by what most of it holds.
    private static ReadOnlySpan<byte> Sample(ReadOnlySpan<byte> input, byte[] sample)
    {
        const int slice = SampleBytes / SampleSlices;
        for (var i = 0; i < SampleSlices; i++)
        {
            var offset = (int)((long)input.Length * i / SampleSlices);
            input.Slice(offset, slice).CopyTo(sample.AsSpan(i * slice));
        }

        return sample.AsSpan(0, SampleBytes);
    }

    private static int DeflatedLength(ReadOnlySpan<byte> sample, int level, ArrayPool<byte> pool)
    {
        using var scratch = new PooledBufferStream(pool, sample.Length + 1024);
        using (var deflate = GzipLevel.OpenDeflate(scratch, level, leaveOpen: true))
        {
            deflate.Write(sample);
        }

        return (int)scratch.Length;
    }

    private static DeflatedBlock CodeEntropyOnly(ReadOnlySpan<byte> input, ArrayPool<byte> pool)
    {
        var capacity = EntropyOnlyDeflate.MaxEncodedLength(input.Length);
        var output = new PooledBufferStream(pool, capacity);
        try
        {
            output.Advance(EntropyOnlyDeflate.Encode(input, output.GetSpan(capacity)));
            return new DeflatedBlock(output, 0, (int)output.Length, Crc32.HashToUInt32(input), input.Length);
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private static DeflatedBlock DeflateWithZlib(ReadOnlySpan<byte> input, int level, ArrayPool<byte> pool)
    {
        // Stored output is the input plus 5 bytes every 64 KiB and the gzip framing: the input's
        // length rounded to the pool's next bucket holds it without growing.
        var output = new PooledBufferStream(pool, input.Length + 1024);
        try
        {
            int flushed;
            using (var gzip = GzipLevel.OpenGzip(output, level, leaveOpen: true))
            {
                gzip.Write(input);
                gzip.Flush();
                flushed = (int)output.Length;
            }

            var written = output.Written.Span;
            if (written[3] != 0 || flushed < HeaderLength + SyncFlushMarker.Length || !written[(flushed - SyncFlushMarker.Length)..flushed].SequenceEqual(SyncFlushMarker)
                || BinaryPrimitives.ReadInt32LittleEndian(written[^4..]) != input.Length)
            {
                throw new InvalidOperationException("This runtime's zlib does not frame a flushed gzip block as expected (10-byte header, sync flush marker, trailer): blocks cannot be joined into one gzip member.");
            }

            var crc = BinaryPrimitives.ReadUInt32LittleEndian(written[^TrailerLength..]);
            return new DeflatedBlock(output, HeaderLength, flushed, crc, input.Length);
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }
}
