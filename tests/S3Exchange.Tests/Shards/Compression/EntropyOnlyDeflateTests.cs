using System.IO.Compression;

namespace S3Exchange.Tests.Shards.Compression;

/// <summary>
/// The runtime's own Huffman-only deflate coder (no server): what it writes inflates back to the
/// input through zlib, is as small as zlib's Huffman-only strategy makes the same data, falls back
/// to stored blocks where codes would not shrink a segment, and ends byte-aligned on a sync flush.
/// Whole shards coded with it are read by Python, GNU gzip and tar in GzipShardInteropTests.
/// </summary>
public sealed class EntropyOnlyDeflateTests
{
    private const int Segment = EntropyOnlyDeflate.SegmentBytes;

    public static TheoryData<string, byte[]> Inputs => new()
    {
        { "one byte", [42] },
        { "one byte value repeated", Enumerable.Repeat((byte)7, 100_000).ToArray() },
        { "two byte values", TestData.Random(70_000, 1).Select(b => (byte)(b & 1)).ToArray() },
        { "six random bits a byte, segments and a part", TestData.SixBit((3 * Segment) + 1234, 2) },
        { "exactly one segment", TestData.SixBit(Segment, 3) },
        { "one segment and a byte", TestData.SixBit(Segment + 1, 4) },
        { "random bytes (stored)", TestData.Random((2 * Segment) + 17, 5) },
        { "text", GzipReference.Text(200_000) },
        { "skewed: code lengths past 15 without a limit", Skewed(Segment) },
        { "six-bit then random then six-bit", [.. TestData.SixBit(Segment, 6), .. TestData.Random(Segment, 7), .. TestData.SixBit(1000, 8)] },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void What_it_writes_inflates_back_to_the_input_through_zlib(string name, byte[] input)
    {
        var encoded = Encode(input);

        Assert.True(input.SequenceEqual(Inflate(encoded)), name);
    }

    [Fact]
    public void Inputs_of_random_lengths_and_skewed_alphabets_inflate_back_through_zlib()
    {
        var random = new Random(17);
        for (var round = 0; round < 40; round++)
        {
            var input = new byte[random.Next(1, 3 * Segment)];
            var bits = random.Next(1, 9);
            for (var i = 0; i < input.Length; i++)
            {
                // The AND of two draws skews the values toward zero bits: long and short codes mixed.
                input[i] = (byte)(random.Next(1 << bits) & random.Next(1 << bits));
            }

            Assert.True(input.SequenceEqual(Inflate(Encode(input))), $"round {round}: {input.Length} bytes of {bits} bits");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void It_ends_byte_aligned_on_a_sync_flush_with_no_final_block(string name, byte[] input)
    {
        var encoded = Encode(input);

        Assert.True(encoded.AsSpan()[^4..].SequenceEqual(new byte[] { 0x00, 0x00, 0xFF, 0xFF }), name);
        Assert.Equal(0, encoded[0] & 1);  // the first block's BFINAL bit
    }

    [Fact]
    public void Six_bit_data_is_no_larger_than_zlibs_huffman_only_strategy_makes_it()
    {
        var input = TestData.SixBit(16 * Segment, 9);

        var ours = Encode(input).Length;

        using var zlib = new MemoryStream();
        using (var deflate = new DeflateStream(zlib, new ZLibCompressionOptions { CompressionLevel = 2, CompressionStrategy = ZLibCompressionStrategy.HuffmanOnly }, leaveOpen: true))
        {
            deflate.Write(input);
        }

        Assert.InRange(ours, input.Length * 70L / 100, zlib.Length);
    }

    [Fact]
    public void Random_bytes_cost_at_most_a_stored_blocks_framing()
    {
        var input = TestData.Random(8 * Segment, 10);

        var encoded = Encode(input);

        // Each segment stored: 5 bytes of framing; the sync flush 5 more at most.
        Assert.InRange(encoded.Length, input.Length, input.Length + (5 * 9));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(Segment)]
    public void The_estimate_of_one_segment_is_what_encoding_it_writes_before_the_flush(int length)
    {
        var input = TestData.SixBit(length, 11);

        var estimate = EntropyOnlyDeflate.EstimateLength(input);

        // The flush: 3 bits, padding to the byte, 4 bytes; the estimate rounds the block up to a byte.
        Assert.InRange(Encode(input).Length - estimate, 4, 5);
    }

    [Fact]
    public void Too_small_an_output_is_refused_before_anything_is_written()
    {
        var input = TestData.SixBit(1000, 12);
        var output = new byte[EntropyOnlyDeflate.MaxEncodedLength(input.Length) - 1];

        var error = Assert.Throws<ArgumentException>(() => EntropyOnlyDeflate.Encode(input, output));

        Assert.Equal("output", error.ParamName);
        Assert.All(output, b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_same_input_always_makes_the_same_bytes()
    {
        var input = TestData.SixBit(3 * Segment, 13);

        Assert.Equal(Encode(input), Encode(input));
    }

    internal static byte[] Encode(byte[] input)
    {
        var output = new byte[EntropyOnlyDeflate.MaxEncodedLength(input.Length)];
        return output[..EntropyOnlyDeflate.Encode(input, output)];
    }

    // The encoded data ends on a sync flush; a final empty fixed-Huffman block ends the stream.
    private static byte[] Inflate(byte[] encoded)
    {
        using var inflate = new DeflateStream(new MemoryStream([.. encoded, 0x03, 0x00]), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }

    // Byte values with Fibonacci frequencies: an unlimited Huffman code for them is 25 bits deep.
    private static byte[] Skewed(int length)
    {
        var data = new List<byte>(length);
        int previous = 1, current = 1;
        for (var value = 0; value < 26 && data.Count < length; value++)
        {
            data.AddRange(Enumerable.Repeat((byte)value, Math.Min(current, length - data.Count)));
            (previous, current) = (current, previous + current);
        }

        return [.. data.OrderBy(b => (b * 7919) % 251).Take(length)];
    }
}
