namespace S3Exchange;

/// <summary>
/// Joins CRC-32s (the gzip polynomial) of consecutive pieces of data: the CRC of A followed by B
/// from CRC(A), CRC(B) and B's length, so blocks can be checksummed apart, in parallel, and the
/// gzip trailer still holds the CRC of the whole input.
/// </summary>
/// <remarks>
/// CRC-32 is linear over GF(2) once its initial and final inversions are accounted for, and those
/// cancel here: CRC(AB) = CRC(A)·x^(8·|B|) mod P ⊕ CRC(B). Polynomials are held bit-reflected, as
/// the CRC itself is (the top bit is x^0), so x^(8n) is found by squaring and multiplying in
/// log2(8n) steps, each a carry-less multiplication modulo P of 32 bit steps.
/// </remarks>
internal static class Crc32Combination
{
    // The gzip CRC-32 polynomial, bit-reflected, without its x^32 term.
    private const uint Polynomial = 0xEDB88320;

    // x^0 and x^1 in the reflected representation.
    private const uint One = 0x80000000;
    private const uint X = 0x40000000;

    /// <summary>The CRC-32 of the data whose first part has <paramref name="crc"/> and whose second part, <paramref name="nextLength"/> bytes long, has <paramref name="nextCrc"/>.</summary>
    public static uint Append(uint crc, uint nextCrc, long nextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nextLength);
        return Multiply(PowerOfX(8 * nextLength), crc) ^ nextCrc;
    }

    // x^exponent mod P.
    private static uint PowerOfX(long exponent)
    {
        var power = One;
        var square = X;
        for (; exponent != 0; exponent >>= 1)
        {
            if ((exponent & 1) != 0)
            {
                power = Multiply(power, square);
            }

            square = Multiply(square, square);
        }

        return power;
    }

    // a·b mod P: b is multiplied by x once per bit of a, from a's x^0 term up.
    private static uint Multiply(uint a, uint b)
    {
        uint product = 0;
        for (var term = One; term != 0; term >>= 1)
        {
            if ((a & term) != 0)
            {
                product ^= b;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return product;
    }
}
