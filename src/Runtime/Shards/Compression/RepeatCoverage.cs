using System.Buffers;
using System.Buffers.Binary;

namespace S3Exchange;

/// <summary>
/// How much of a sample a search for matches could replace: the bytes covered by repeats of 4 or
/// more bytes seen within deflate's 32 KiB window, found greedily through a small hash table.
/// Matches save at most the bytes they cover, so a sample that repeats cover under 1/64 of cannot
/// gain 1/64 from deflating at a level over Huffman codes alone, and need not be deflated to tell.
/// </summary>
/// <remarks>
/// An estimate of the same kind as zlib's fast levels (one candidate a hash, 4-byte minimum), at
/// a small fraction of their cost: on data without repeats it touches each byte once. It can miss
/// repeats that a thorough search would find, never invent one.
/// </remarks>
internal static class RepeatCoverage
{
    private const int MinRepeat = 4;
    private const int MaxRepeat = 258;
    private const int Window = 32 * 1024;
    // As many slots as the window has positions, so that few candidates are lost to later ones.
    private const int HashBits = 15;

    /// <summary>Bytes of <paramref name="data"/> that earlier bytes within the window repeat, 4 or more at a time.</summary>
    public static int CoveredBytes(ReadOnlySpan<byte> data)
    {
        // Positions are stored plus one, so zero means "none yet".
        var rented = ArrayPool<int>.Shared.Rent(1 << HashBits);
        try
        {
            var lastSeen = rented.AsSpan(0, 1 << HashBits);
            lastSeen.Clear();
            return CoveredBytes(data, lastSeen);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static int CoveredBytes(ReadOnlySpan<byte> data, Span<int> lastSeen)
    {
        var covered = 0;
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
                i += length;
            }
            else
            {
                i++;
            }
        }

        return covered;
    }
}
