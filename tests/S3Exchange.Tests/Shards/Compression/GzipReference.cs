using System.Buffers.Binary;
using System.IO.Compression;

namespace S3Exchange.Tests.Shards.Compression;

/// <summary>What a test checks a gzip member against: a plain bitwise CRC-32 and .NET's own reader.</summary>
internal static class GzipReference
{
    /// <summary>CRC-32 (the gzip polynomial) one bit at a time: slow and obviously right.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>The trailer a gzip member of <paramref name="input"/> ends with: CRC-32, then the length mod 2^32.</summary>
    public static byte[] Trailer(byte[] input)
    {
        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32(input));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)input.Length);
        return trailer;
    }

    public static byte[] Decompress(byte[] gzip)
    {
        using var reader = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Compressible bytes: lines of text with a counter, like logs or JSON.</summary>
    public static byte[] Text(int length)
    {
        var text = new byte[length];
        var line = 0;
        for (var i = 0; i < length;)
        {
            foreach (var b in System.Text.Encoding.ASCII.GetBytes($"line {line++}: the quick brown fox jumps over the lazy dog\n"))
            {
                if (i < length)
                {
                    text[i++] = b;
                }
            }
        }

        return text;
    }
}
