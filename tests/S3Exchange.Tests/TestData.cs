using System.Security.Cryptography;

namespace S3Exchange.Tests;

/// <summary>Reproducible test content and the reads the tests share.</summary>
internal static class TestData
{
    /// <summary><paramref name="length"/> pseudo-random bytes, the same for the same seed.</summary>
    public static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new System.Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>
    /// <paramref name="length"/> pseudo-random bytes of 6 bits each (0–63), the same for the same
    /// seed: Huffman codes shrink them to 3/4, a search for matches finds nothing more.
    /// </summary>
    public static byte[] SixBit(int length, int seed)
    {
        var data = Random(length, seed);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] &= 0x3F;
        }

        return data;
    }

    /// <summary>Reads a stream to its end and disposes it.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    public static string Sha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();
}
