namespace S3Exchange.Tests.Shards.Compression;

/// <summary>
/// Code lengths and canonical codes as deflate needs them (no server): complete codes (the Kraft
/// sum is exactly 1), no code past the limit even where Huffman's construction alone goes deeper,
/// two codes where only one symbol is used, and prefix-free codes.
/// </summary>
public sealed class HuffmanCodeTests
{
    [Theory]
    [InlineData(15)]
    [InlineData(7)]
    public void Fibonacci_frequencies_stay_within_the_limit_and_make_a_complete_code(int limit)
    {
        // Unlimited, these would make a code 29 bits deep.
        var frequencies = new int[30];
        int previous = 1, current = 1;
        for (var i = 0; i < frequencies.Length; i++)
        {
            frequencies[i] = current;
            (previous, current) = (current, previous + current);
        }

        var lengths = Lengths(frequencies, limit);

        Assert.All(lengths, length => Assert.InRange(length, 1, limit));
        Assert.Equal(1.0, KraftSum(lengths));
    }

    [Fact]
    public void One_used_symbol_gets_a_second_so_the_code_is_complete()
    {
        var lengths = Lengths([0, 0, 5, 0], 7);

        Assert.Equal(new byte[] { 1, 0, 1, 0 }, lengths);
    }

    [Fact]
    public void Unused_symbols_have_no_code_and_frequent_ones_shorter_codes()
    {
        var lengths = Lengths([100, 0, 50, 25, 25, 0], 15);

        Assert.Equal(new byte[] { 1, 0, 2, 3, 3, 0 }, lengths);
    }

    [Fact]
    public void Codes_are_canonical_and_no_code_is_a_prefix_of_another()
    {
        var frequencies = TestData.SixBit(100_000, 1).GroupBy(b => b).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        var lengths = Lengths(frequencies, 15);
        var codes = new ushort[lengths.Length];

        HuffmanCode.BuildCodes(lengths, codes);

        // Codes are sent bit-reversed; read them first bit first.
        var words = lengths.Select((length, symbol) => Reverse(codes[symbol], length)).ToArray();
        for (var a = 0; a < words.Length; a++)
        {
            for (var b = 0; b < words.Length; b++)
            {
                Assert.False(a != b && words[b].StartsWith(words[a], StringComparison.Ordinal), $"{words[a]} is a prefix of {words[b]}");
            }
        }

        Assert.Equal(1.0, KraftSum(lengths));
    }

    private static byte[] Lengths(int[] frequencies, int limit)
    {
        var lengths = new byte[frequencies.Length];
        HuffmanCode.BuildLengths(frequencies, lengths, limit);
        return lengths;
    }

    private static double KraftSum(byte[] lengths) => lengths.Where(l => l > 0).Sum(l => Math.Pow(2, -l));

    private static string Reverse(ushort code, int length) =>
        new([.. Enumerable.Range(0, length).Select(i => ((code >> i) & 1) == 1 ? '1' : '0')]);
}
