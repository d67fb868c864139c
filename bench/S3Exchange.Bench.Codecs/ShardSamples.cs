namespace S3Exchange.Bench.Codecs;

/// <summary>
/// A tar archive laid out exactly as the store writes shards (internal headers from
/// <see cref="TarFormat"/>), of members 4–64 KiB: binary ones holding 6 random bits per byte
/// (like features or uncompressed media), random ones (8 bits a byte, like already-compressed
/// files: the content the store benchmark uses), or text-like ones made of random words from a
/// small vocabulary (like logs or JSON).
/// </summary>
public static class ShardSamples
{
    private static readonly string[] Words = "the of and to in is that for it as with was on be at by this had not are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three".Split(' ');

    /// <param name="approximateBytes">Members are added until the tar reaches this size.</param>
    /// <param name="content">"binary", "random" or "text".</param>
    public static byte[] Tar(long approximateBytes, string content)
    {
        var random = new System.Random(3);
        using var tar = new MemoryStream();
        for (var i = 0; tar.Length < approximateBytes; i++)
        {
            var length = random.Next(4 * 1024, (64 * 1024) + 1);
            var data = content switch
            {
                "text" => Text(random, length),
                "random" => Random(random, length),
                _ => Binary(random, length),
            };

            tar.Write(TarFormat.FileHeader($"items/{i:00000}.bin", data.Length, ShardItem.DefaultUnixMode, 0));
            tar.Write(data);
            tar.Write(new byte[TarFormat.PaddingAfter(data.Length)]);
        }

        tar.Write(new byte[TarFormat.TrailerLength(tar.Length)]);
        return tar.ToArray();
    }

    private static byte[] Random(Random random, int length)
    {
        var data = new byte[length];
        random.NextBytes(data);
        return data;
    }

    private static byte[] Binary(Random random, int length)
    {
        var data = Random(random, length);
        for (var j = 0; j < data.Length; j++)
        {
            data[j] &= 0x3F;
        }

        return data;
    }

    private static byte[] Text(Random random, int length)
    {
        var text = new System.Text.StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? ".\n" : " ");
        }

        return System.Text.Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
