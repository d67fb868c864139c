namespace S3Exchange;

/// <summary>
/// Deflate data made of Huffman codes alone (RFC 1951): every byte a literal, no search for
/// matches, one dynamic-Huffman block per <see cref="SegmentBytes"/> of input with codes fitted to
/// that segment's byte frequencies, or a stored block where the codes would not shrink it. The
/// data ends with a sync flush (an empty stored block), byte-aligned and not final, like a
/// <see cref="DeflatedBlock"/>'s, so the next block's data can follow it in one deflate stream.
/// </summary>
/// <remarks>
/// zlib can code this too (its Huffman-only strategy, .NET 9 and later), but it still goes
/// through its general match-and-literal machinery one symbol at a time: on 6-bit data it runs at
/// about 140 MiB/s a core, where this coder, which only counts bytes, builds codes and packs them,
/// runs at about 400 MiB/s at the same size (docs/performance.md). Any inflater reads the
/// result: the tests read it with .NET's zlib-ng, Python's zlib and GNU gzip. Its bytes depend
/// only on the input.
/// </remarks>
internal static class EntropyOnlyDeflate
{
    /// <summary>Input bytes a deflate block: the most a stored block holds, so any segment can fall back to one.</summary>
    public const int SegmentBytes = ushort.MaxValue;

    private const int EndOfBlock = 256;
    private const int LiteralAlphabet = EndOfBlock + 1;
    private const int MaxCodeLength = 15;
    private const int MaxCodeLengthCodeLength = 7;

    // Code-length code symbols: 16 repeats the previous length 3-6 times, 17 repeats a zero
    // length 3-10 times, 18 repeats it 11-138 times (RFC 1951, 3.2.7).
    private const int RepeatPrevious = 16;
    private const int RepeatZeroShort = 17;
    private const int RepeatZeroLong = 18;
    private const int CodeLengthAlphabet = 19;

    // Two distance codes of one bit each, unused: zlib's inflate refuses an incomplete code, and
    // zlib's deflate sends the same when a block has no matches.
    private const int DistanceCodes = 2;

    // The order in which the code-length code's lengths are sent.
    private static ReadOnlySpan<byte> CodeLengthOrder => [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>The most bytes <see cref="Encode"/> writes for <paramref name="inputLength"/> bytes, with the 8 bytes of room its writer needs.</summary>
    public static int MaxEncodedLength(int inputLength) => inputLength + (6 * ((inputLength / SegmentBytes) + 2)) + 8;

    /// <summary>
    /// Writes <paramref name="input"/> as Huffman-coded (or stored) deflate blocks followed by a
    /// sync flush, and returns how many bytes of <paramref name="output"/> that took.
    /// </summary>
    /// <param name="input">The data.</param>
    /// <param name="output">At least <see cref="MaxEncodedLength"/> bytes.</param>
    public static int Encode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxEncodedLength(input.Length))
        {
            throw new ArgumentException($"The output needs {MaxEncodedLength(input.Length)} bytes for {input.Length} bytes of input.", nameof(output));
        }

        var writer = new DeflateBitWriter(output);
        Span<int> frequencies = stackalloc int[LiteralAlphabet];
        Span<byte> lengths = stackalloc byte[LiteralAlphabet];
        Span<ushort> codes = stackalloc ushort[LiteralAlphabet];
        Span<uint> table = stackalloc uint[LiteralAlphabet];
        for (var start = 0; start < input.Length; start += SegmentBytes)
        {
            var segment = input.Slice(start, Math.Min(SegmentBytes, input.Length - start));
            var header = PlanDynamicBlock(segment, frequencies, lengths, out var dynamicBits);

            // A stored block: 3 header bits, padding to a byte, LEN and NLEN, the bytes.
            var storedBits = 3 + ((8 - ((writer.PendingBits + 3) & 7)) & 7) + 32 + (8L * segment.Length);
            if (dynamicBits <= storedBits)
            {
                header.Write(ref writer);
                HuffmanCode.BuildCodes(lengths, codes);
                for (var symbol = 0; symbol < LiteralAlphabet; symbol++)
                {
                    table[symbol] = codes[symbol] | ((uint)lengths[symbol] << 16);
                }

                writer.WriteSymbols(segment, table);
                writer.WriteBits(table[EndOfBlock] & 0xFFFF, lengths[EndOfBlock]);
            }
            else
            {
                WriteStored(ref writer, segment);
            }
        }

        WriteStored(ref writer, []);
        return writer.Position;
    }

    /// <summary>
    /// The bytes <see cref="Encode"/> would write for one segment of <paramref name="sample"/>'s
    /// byte frequencies: how a block judges, from a sample, what coding it by entropy alone yields.
    /// </summary>
    public static int EstimateLength(ReadOnlySpan<byte> sample)
    {
        Span<int> frequencies = stackalloc int[LiteralAlphabet];
        Span<byte> lengths = stackalloc byte[LiteralAlphabet];
        PlanDynamicBlock(sample, frequencies, lengths, out var bits);
        return (int)Math.Min((bits + 7) / 8, sample.Length + 5L);
    }

    // The segment's byte frequencies, its literal code lengths, and the header that sends them;
    // bits is the whole dynamic block's size: header, codes, end of block.
    private static DynamicHeader PlanDynamicBlock(ReadOnlySpan<byte> segment, Span<int> frequencies, Span<byte> lengths, out long bits)
    {
        CountBytes(segment, frequencies);
        var header = new DynamicHeader(frequencies, lengths);
        bits = header.Bits + DataBits(frequencies, lengths);
        return header;
    }

    // Byte frequencies in four tables, so that runs of one byte value do not wait on one counter;
    // the end-of-block symbol occurs once.
    private static void CountBytes(ReadOnlySpan<byte> data, Span<int> frequencies)
    {
        Span<int> counts = stackalloc int[4 * 256];
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            counts[data[i]]++;
            counts[256 + data[i + 1]]++;
            counts[512 + data[i + 2]]++;
            counts[768 + data[i + 3]]++;
        }

        for (; i < data.Length; i++)
        {
            counts[data[i]]++;
        }

        for (var value = 0; value < 256; value++)
        {
            frequencies[value] = counts[value] + counts[256 + value] + counts[512 + value] + counts[768 + value];
        }

        frequencies[EndOfBlock] = 1;
    }

    private static long DataBits(ReadOnlySpan<int> frequencies, ReadOnlySpan<byte> lengths)
    {
        long bits = 0;
        for (var symbol = 0; symbol < LiteralAlphabet; symbol++)
        {
            bits += (long)frequencies[symbol] * lengths[symbol];
        }

        return bits;
    }

    private static void WriteStored(ref DeflateBitWriter writer, ReadOnlySpan<byte> data)
    {
        writer.WriteBits(0, 3);  // BFINAL 0, BTYPE 00
        writer.AlignToByte();
        writer.WriteBits((uint)data.Length, 16);
        writer.WriteBits((uint)data.Length ^ 0xFFFF, 16);
        writer.WriteBytes(data);
    }

    /// <summary>
    /// A dynamic block's header for literal code lengths: HLIT, HDIST, HCLEN, the code-length
    /// code's lengths, then the literal and distance code lengths, run-length coded.
    /// </summary>
    private readonly struct DynamicHeader
    {
        // 257 literal lengths and 2 distance lengths: at most one run-length symbol each.
        private const int MaxRunSymbols = LiteralAlphabet + DistanceCodes;

        private readonly RunSymbols runs;
        private readonly CodeLengthTable codeLengthLengths;
        private readonly int codeLengthCodes;

        /// <summary>Builds the literal code of <paramref name="frequencies"/> into <paramref name="lengths"/>, and the header that sends it.</summary>
        public DynamicHeader(ReadOnlySpan<int> frequencies, Span<byte> lengths)
        {
            HuffmanCode.BuildLengths(frequencies, lengths, MaxCodeLength);
            Span<byte> all = stackalloc byte[MaxRunSymbols];
            lengths.CopyTo(all);
            all[LiteralAlphabet] = 1;
            all[LiteralAlphabet + 1] = 1;

            Span<int> runFrequencies = stackalloc int[CodeLengthAlphabet];
            var count = 0;
            for (var i = 0; i < all.Length;)
            {
                var length = all[i];
                var run = 1;
                while (i + run < all.Length && all[i + run] == length)
                {
                    run++;
                }

                i += run;
                if (length == 0)
                {
                    for (; run >= 11; run -= Math.Min(run, 138))
                    {
                        runs[count++] = RunSymbol.Of(RepeatZeroLong, Math.Min(run, 138) - 11);
                    }

                    if (run >= 3)
                    {
                        runs[count++] = RunSymbol.Of(RepeatZeroShort, run - 3);
                        run = 0;
                    }
                }
                else
                {
                    runs[count++] = RunSymbol.Of(length, 0);
                    for (run--; run >= 3; run -= Math.Min(run, 6))
                    {
                        runs[count++] = RunSymbol.Of(RepeatPrevious, Math.Min(run, 6) - 3);
                    }
                }

                for (; run > 0; run--)
                {
                    runs[count++] = RunSymbol.Of(length, 0);
                }
            }

            RunCount = count;
            for (var i = 0; i < count; i++)
            {
                runFrequencies[runs[i].Symbol]++;
            }

            HuffmanCode.BuildLengths(runFrequencies, codeLengthLengths, MaxCodeLengthCodeLength);
            codeLengthCodes = CodeLengthAlphabet;
            while (codeLengthCodes > 4 && codeLengthLengths[CodeLengthOrder[codeLengthCodes - 1]] == 0)
            {
                codeLengthCodes--;
            }

            long bits = 3 + 5 + 5 + 4 + (3 * codeLengthCodes);
            for (var i = 0; i < count; i++)
            {
                bits += codeLengthLengths[runs[i].Symbol] + ExtraBits(runs[i].Symbol);
            }

            Bits = bits;
        }

        /// <summary>Bits the header takes, with the block's 3-bit type.</summary>
        public long Bits { get; }

        private int RunCount { get; }

        public void Write(ref DeflateBitWriter writer)
        {
            writer.WriteBits(0b100, 3);  // BFINAL 0, BTYPE 10 (dynamic), least significant bit first
            writer.WriteBits(LiteralAlphabet - 257, 5);  // HLIT: literals and the end of block, no lengths
            writer.WriteBits(DistanceCodes - 1, 5);
            writer.WriteBits((uint)(codeLengthCodes - 4), 4);
            for (var i = 0; i < codeLengthCodes; i++)
            {
                writer.WriteBits(codeLengthLengths[CodeLengthOrder[i]], 3);
            }

            Span<ushort> codes = stackalloc ushort[CodeLengthAlphabet];
            HuffmanCode.BuildCodes(codeLengthLengths, codes);
            for (var i = 0; i < RunCount; i++)
            {
                var run = runs[i];
                writer.WriteBits(codes[run.Symbol], codeLengthLengths[run.Symbol]);
                writer.WriteBits(run.Extra, ExtraBits(run.Symbol));
            }
        }

        private static int ExtraBits(int symbol) => symbol switch
        {
            RepeatPrevious => 2,
            RepeatZeroShort => 3,
            RepeatZeroLong => 7,
            _ => 0,
        };

        [System.Runtime.CompilerServices.InlineArray(MaxRunSymbols)]
        private struct RunSymbols
        {
            private RunSymbol first;
        }

        [System.Runtime.CompilerServices.InlineArray(CodeLengthAlphabet)]
        private struct CodeLengthTable
        {
            private byte first;
        }
    }

    private readonly record struct RunSymbol(byte Symbol, byte Extra)
    {
        public static RunSymbol Of(int symbol, int extra) => new((byte)symbol, (byte)extra);
    }
}
