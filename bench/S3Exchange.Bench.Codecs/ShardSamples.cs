namespace S3Exchange.Bench.Codecs;

/// <summary>
/// A tar archive laid out exactly as the store writes shards (internal headers from
/// <see cref="TarFormat"/>), of members 4–64 KiB holding 6 random bits per byte, the content
/// the store benchmark uses.
/// </summary>
public static class ShardSamples
{
    public static byte[] Tar(long approximateBytes)
    {
        var random = new Random(3);
        using var tar = new MemoryStream();
        for (var i = 0; tar.Length < approximateBytes; i++)
        {
            var data = new byte[random.Next(4 * 1024, (64 * 1024) + 1)];
            random.NextBytes(data);
            for (var j = 0; j < data.Length; j++)
            {
                data[j] &= 0x3F;
            }

            tar.Write(TarFormat.FileHeader($"items/{i:00000}.bin", data.Length, ShardItem.DefaultUnixMode, 0));
            tar.Write(data);
            tar.Write(new byte[TarFormat.PaddingAfter(data.Length)]);
        }

        tar.Write(new byte[TarFormat.TrailerLength(tar.Length)]);
        return tar.ToArray();
    }
}
