using System.Buffers;
using System.Buffers.Binary;

namespace S3Exchange;

/// <summary>
/// How much of a sample a search for matches could replace: the bytes covered by repeats of 4 or
/// more bytes seen within deflate's 32 KiB window, found greedily through a hash table, and how
/// many repeats cover them. From these and the sample's entropy-coded size follows about what
/// matches could save over Huffman codes alone (<see cref="EstimateSavedBytes"/>), so a block
/// whose matches cannot pay is judged without deflating its sample.
/// </summary>
/// <remarks>
/// An estimate of the same kind as zlib's fast levels (one candidate a hash slot, 4-byte
/// minimum), at a small fraction of their cost: on data without repeats it touches each byte once.
/// It can miss repeats that a thorough search would find, never invent one.
/// </remarks>
/// <param name="CoveredBytes">Bytes that repeat earlier bytes within the window.</param>
/// <param name="Repeats">How many repeats cover them (each would be one match).</param>
internal readonly record struct RepeatCoverage(int CoveredBytes, int Repeats)
{
    private const int MinRepeat = 4;
    private const int MaxRepeat = 258;
    private const int Window = 32 * 1024;

    // As many slots as the window has positions, so that few candidates are lost to later ones.
    private const int HashBits = 15;

    // The least a match costs in deflate: a length code and a distance code with their extra
    // bits come to 2-4 bytes; the low end, so that the estimate errs toward matches paying.
    private const int MatchBytes = 2;

    /// <summary>Finds the repeats in <paramref name="data"/>.</summary>
    public static RepeatCoverage Measure(ReadOnlySpan<byte> data)
    {
        // Positions are stored plus one, so zero means "none yet".
        var rented = ArrayPool<int>.Shared.Rent(1 << HashBits);
        try
        {
            var lastSeen = rented.AsSpan(0, 1 << HashBits);
            lastSeen.Clear();
            return Measure(data, lastSeen);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// About how many bytes matches would save over Huffman codes alone on data of
    /// <paramref name="length"/> bytes that those codes shrink to <paramref name="entropyCodedLength"/>:
    /// each covered byte saves its literal's average cost, each repeat costs a match.
    /// </summary>
    public long EstimateSavedBytes(int length, int entropyCodedLength) =>
        length == 0 ? 0 : ((long)CoveredBytes * entropyCodedLength / length) - ((long)MatchBytes * Repeats);

    private static RepeatCoverage Measure(ReadOnlySpan<byte> data, Span<int> lastSeen)
    {
        var covered = 0;
        var repeats = 0;
        var i = 0;
        while (i + MinRepeat <= data.Length)
        {
            var word = BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            var slot = (int)((word * 2654435761u) >> (32 - HashBits));
            var candidate = lastSeen[slot] - 1;
            lastSeen[slot] = i + 1;
            if (candidate >= 0 && i - candidate <= Window && BinaryPrimitives.ReadUInt32LittleEndian(data[candidate..]) == word)
            {
                var length = MinRepeat;
                while (length < MaxRepeat && i + length < data.Length && data[candidate + length] == data[i + length])
                {
                    length++;
                }

                covered += length;
                repeats++;
                i += length;
            }
            else
            {
                i++;
            }
        }

        return new RepeatCoverage(covered, repeats);
    }
}
