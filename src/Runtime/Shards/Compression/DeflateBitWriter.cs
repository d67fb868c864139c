using System.Buffers.Binary;

namespace S3Exchange;

/// <summary>
/// Packs bits into bytes the way deflate does (RFC 1951, 3.1.1): each value's least significant
/// bit first, bytes filled from their least significant bit. The caller leaves 8 bytes of room
/// past the last byte it will write: whole 64-bit words are stored and the position advanced by
/// the bytes completed, which is what makes <see cref="WriteSymbols"/> fast.
/// </summary>
internal ref struct DeflateBitWriter(Span<byte> output)
{
    private readonly Span<byte> output = output;
    private ulong bits;
    private int count;
    private int position;

    /// <summary>Bytes completed so far (bits still pending are not counted).</summary>
    public readonly int Position => position;

    /// <summary>Bits written but not yet part of a completed byte: 0–7.</summary>
    public readonly int PendingBits => count;

    /// <summary>Writes the <paramref name="length"/> (0–32) low bits of <paramref name="value"/>.</summary>
    public void WriteBits(uint value, int length)
    {
        bits |= (ulong)value << count;
        count += length;
        Drain();
    }

    /// <summary>
    /// Writes the code of each byte of <paramref name="symbols"/> from <paramref name="table"/>,
    /// whose entries hold a bit-reversed code in the low 16 bits and its length (at most 15) above.
    /// </summary>
    public void WriteSymbols(scoped ReadOnlySpan<byte> symbols, scoped ReadOnlySpan<uint> table)
    {
        var pending = bits;
        var pendingCount = count;
        var at = position;
        var i = 0;

        // Three codes of at most 15 bits on top of at most 7 pending: 52 bits, within one word.
        for (; i + 3 <= symbols.Length; i += 3)
        {
            var first = table[symbols[i]];
            pending |= (ulong)(first & 0xFFFF) << pendingCount;
            pendingCount += (int)(first >> 16);
            var second = table[symbols[i + 1]];
            pending |= (ulong)(second & 0xFFFF) << pendingCount;
            pendingCount += (int)(second >> 16);
            var third = table[symbols[i + 2]];
            pending |= (ulong)(third & 0xFFFF) << pendingCount;
            pendingCount += (int)(third >> 16);

            BinaryPrimitives.WriteUInt64LittleEndian(output[at..], pending);
            var completed = pendingCount >> 3;
            at += completed;
            pending >>= completed << 3;
            pendingCount &= 7;
        }

        bits = pending;
        count = pendingCount;
        position = at;
        for (; i < symbols.Length; i++)
        {
            var entry = table[symbols[i]];
            WriteBits(entry & 0xFFFF, (int)(entry >> 16));
        }
    }

    /// <summary>Pads the pending bits with zeros to a whole byte.</summary>
    public void AlignToByte()
    {
        count = (count + 7) & ~7;
        Drain();
    }

    /// <summary>Copies <paramref name="data"/> after aligning to a whole byte.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> data)
    {
        AlignToByte();
        data.CopyTo(output[position..]);
        position += data.Length;
    }

    // At most 7 + 32 bits are pending here, so fewer than 8 bytes complete and the shift stays below 64.
    private void Drain()
    {
        if (count >= 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output[position..], bits);
            var completed = count >> 3;
            position += completed;
            bits >>= completed << 3;
            count &= 7;
        }
    }
}
