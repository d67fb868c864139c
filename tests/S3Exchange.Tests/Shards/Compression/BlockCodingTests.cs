using System.Buffers;
using System.Formats.Tar;
using System.IO.Compression;
using S3Exchange.Tests.Storage;

namespace S3Exchange.Tests.Shards.Compression;

/// <summary>
/// How a block gzip writer codes each block, judged from a sample (no server): stored when it
/// does not shrink by 1/16, entropy-coded only when a search for matches buys under 1/16 more
/// (1/64 at levels 6-9),
/// deflated at the caller's level otherwise; and what each choice does to the output's size.
/// </summary>
public sealed class BlockCodingTests
{
    private const int Block = BlockGzipStream.BlockSize;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(9)]
    public void Six_random_bits_a_byte_are_entropy_coded_only(int level)
    {
        Assert.Equal(BlockCoding.EntropyOnly, Choose(TestData.SixBit(Block, 1), level));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void Random_bytes_are_stored(int level)
    {
        Assert.Equal(BlockCoding.Stored, Choose(TestData.Random(Block, 2), level));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void Text_is_deflated_with_its_matches(int level)
    {
        Assert.Equal(BlockCoding.Matched, Choose(GzipReference.Text(Block), level));
    }

    [Fact]
    public void A_tar_of_random_files_is_stored_and_deflating_it_would_save_under_a_sixteenth()
    {
        // Random 4-64 KiB members: only the tar headers and padding compress.
        var random = new Random(3);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            for (var i = 0; tar.Length < Block; i++)
            {
                var data = TestData.Random(random.Next(4096, 65537), i);
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"items/{i:00000}.bin") { DataStream = new MemoryStream(data) });
            }
        }

        var block = tar.ToArray()[..Block];

        Assert.Equal(BlockCoding.Stored, Choose(block, 2));
        using var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(block);
        }

        Assert.InRange(deflated.Length, block.Length * 15L / 16, block.Length + 1024);
    }

    [Fact]
    public void At_the_default_level_a_tar_of_six_bit_members_is_entropy_coded_without_deflating_its_sample()
    {
        // The members' tar headers repeat (zeros, field text), but matches would save about 2%.
        var pool = new CountingPool();

        Assert.Equal(BlockCoding.EntropyOnly, DeflatedBlock.Choose(SixBitTar(Block), 2, pool));

        // Only the sample itself was rented; deflating it would have rented an output buffer too.
        Assert.Equal((1, 0), (pool.Rented, pool.Outstanding));
    }

    [Theory]
    [InlineData(2, "EntropyOnly", 1)]
    [InlineData(9, "Matched", 2)]
    public void Repeats_that_save_a_few_percent_are_searched_for_only_at_the_thorough_levels(int level, string expected, int rentals)
    {
        // 512 bytes of every 8 KiB repeat the 512 before them: matches save about 4%, between
        // the fast levels' bar (1/16) and the thorough levels' (1/64).
        var block = TestData.SixBit(Block, 7);
        for (var at = 8192; at + 512 <= block.Length; at += 8192)
        {
            block.AsSpan(at - 512, 512).CopyTo(block.AsSpan(at));
        }

        var pool = new CountingPool();

        Assert.Equal(expected, DeflatedBlock.Choose(block, level, pool).ToString());
        Assert.Equal((rentals, 0), (pool.Rented, pool.Outstanding));
    }

    [Fact]
    public void Text_is_judged_by_deflating_its_sample()
    {
        var pool = new CountingPool();

        Assert.Equal(BlockCoding.Matched, DeflatedBlock.Choose(GzipReference.Text(Block), 2, pool));

        Assert.Equal((2, 0), (pool.Rented, pool.Outstanding));
    }

    [Fact]
    public async Task At_level_1_six_bit_data_shrinks_to_three_quarters_where_zlib_ngs_level_1_alone_stores_it()
    {
        var input = TestData.SixBit(3 * Block, 4);

        var written = await BlockGzipStreamTests.CompressAsync(input, 1);

        Assert.Equal(input, GzipReference.Decompress(written));
        Assert.InRange(written.Length, 1, input.Length * 78L / 100);
        Assert.InRange(GZipStreamLength(input, CompressionLevel.Fastest), input.Length * 95L / 100, long.MaxValue);
    }

    [Fact]
    public async Task Entropy_coding_six_bit_data_is_within_a_sixty_fourth_of_deflating_it_at_level_6()
    {
        var input = TestData.SixBit(3 * Block, 5);

        var written = await BlockGzipStreamTests.CompressAsync(input, 6);

        Assert.Equal(input, GzipReference.Decompress(written));
        Assert.InRange(written.Length, 1, GZipStreamLength(input, CompressionLevel.Optimal) + (input.Length / 64));
    }

    // Members as the store's shard writer lays them out: a ustar header, the data, zeros to 512.
    private static byte[] SixBitTar(int length)
    {
        var random = new Random(6);
        var tar = new List<byte>(length + (64 * 1024));
        for (var i = 0; tar.Count < length; i++)
        {
            var data = TestData.SixBit(random.Next(4096, 65537), i);
            tar.AddRange(TarFormat.FileHeader($"items/{i:00000}.bin", data.Length, ShardItem.DefaultUnixMode, 0));
            tar.AddRange(data);
            tar.AddRange(new byte[(TarFormat.BlockSize - (data.Length % TarFormat.BlockSize)) % TarFormat.BlockSize]);
        }

        return [.. tar.Take(length)];
    }

    // What one GZipStream (zlib-ng, no blocks) makes of the input at a named level.
    private static long GZipStreamLength(byte[] input, CompressionLevel level)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(input);
        }

        return output.Length;
    }

    private static BlockCoding Choose(byte[] block, int level) => DeflatedBlock.Choose(block, level, ArrayPool<byte>.Shared);
}
