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
