using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace S3Exchange;

/// <summary>
/// One block of a <see cref="BlockGzipStream"/>, deflated on its own: raw deflate data that ends
/// with a sync flush (byte-aligned, no final block), so it can be followed by the next block's
/// data in one deflate stream; with the CRC-32 and length of the input it came from.
/// </summary>
/// <remarks>
/// Each block goes through its own <see cref="GZipStream"/> (native zlib): <see cref="GZipStream.Flush()"/>
/// ends the data with a sync flush (an empty stored block, 00 00 FF FF), and disposing it writes
/// the final block and a trailer whose CRC-32 zlib computed while deflating; only the bytes
/// between the 10-byte header and the flush are kept. A block that does not compress (random or
/// already-compressed data, judged from a sample deflated at the caller's level) is written as
/// stored deflate blocks instead, which costs a copy, not a search for matches. The sample is
/// deflated at the caller's level, not at level 1: zlib-ng's level 1 has no dynamic Huffman
/// codes, so it sees no gain in data that only entropy coding shrinks (6 random bits a byte: 98%
/// at level 1, 74% at level 6) and would store what higher levels compress.
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
    /// Deflates <paramref name="input"/> at <paramref name="level"/>, or stores it when a sample
    /// of it saves under 1/32 of its size at that level.
    /// </summary>
    /// <param name="input">The block; at least one byte.</param>
    /// <param name="level">The caller's gzip level, 0–9.</param>
    /// <param name="pool">Where the output buffer is rented.</param>
    public static DeflatedBlock Deflate(ReadOnlySpan<byte> input, int level, ArrayPool<byte> pool)
    {
        // Stored output is the input plus 5 bytes every 64 KiB and the gzip framing: the input's
        // length rounded to the pool's next bucket holds it without growing.
        var output = new PooledBufferStream(pool, input.Length + 1024);
        try
        {
            var stored = level == GzipLevel.Stored || !SampleCompresses(input, level, output);
            output.Clear();
            int flushed;
            using (var gzip = GzipLevel.OpenGzip(output, stored ? GzipLevel.Stored : level, leaveOpen: true))
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

    /// <summary>Returns the output buffer to its pool.</summary>
    public void Dispose() => output.Dispose();

    // Slices spread over the block, so a block that starts with a small compressible tar header
    // and goes on with a compressed member (or the reverse) is judged by what most of it holds.
    private static bool SampleCompresses(ReadOnlySpan<byte> input, int level, PooledBufferStream scratch)
    {
        var sampled = 0;
        using (var deflate = GzipLevel.OpenDeflate(scratch, level, leaveOpen: true))
        {
            if (input.Length <= SampleBytes)
            {
                deflate.Write(input);
                sampled = input.Length;
            }
            else
            {
                const int slice = SampleBytes / SampleSlices;
                for (var i = 0; i < SampleSlices; i++)
                {
                    var offset = (int)((long)input.Length * i / SampleSlices);
                    deflate.Write(input.Slice(offset, slice));
                }

                sampled = SampleBytes;
            }
        }

        return scratch.Length * 32 < sampled * 31L;
    }
}
