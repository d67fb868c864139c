namespace S3Exchange.Tests.Shards.Compression;

/// <summary>
/// The cheap estimate of what matches could save (no server): data without repeats saves under
/// 1/64 (the strictest bar a level sets), so its blocks are never deflated to tell; text and
/// copies are covered by what repeats.
/// </summary>
public sealed class RepeatCoverageTests
{
    [Fact]
    public void Six_random_bits_a_byte_would_save_under_a_sixty_fourth()
    {
        var sample = TestData.SixBit(DeflatedBlock.SampleBytes, 1);

        var coverage = RepeatCoverage.Measure(sample);

        Assert.InRange(coverage.EstimateSavedBytes(sample.Length, EntropyOnlyDeflate.EstimateLength(sample)), long.MinValue, (sample.Length / 64) - 1);
    }

    [Fact]
    public void Text_is_mostly_covered_and_would_save_more_than_a_sixty_fourth()
    {
        var sample = GzipReference.Text(DeflatedBlock.SampleBytes);

        var coverage = RepeatCoverage.Measure(sample);

        Assert.InRange(coverage.CoveredBytes, sample.Length / 2, sample.Length);
        Assert.InRange(coverage.EstimateSavedBytes(sample.Length, EntropyOnlyDeflate.EstimateLength(sample)), sample.Length / 64, sample.Length);
    }

    [Fact]
    public void A_copy_within_the_window_is_covered_and_one_beyond_it_is_not()
    {
        var chunk = TestData.Random(4096, 2);
        byte[] near = [.. chunk, .. TestData.Random(10_000, 3), .. chunk];
        byte[] far = [.. chunk, .. TestData.Random(40_000, 4), .. chunk];

        var nearCoverage = RepeatCoverage.Measure(near);
        var farCoverage = RepeatCoverage.Measure(far);

        // One candidate a hash slot: a few of the copy's positions may have lost theirs.
        Assert.InRange(nearCoverage.CoveredBytes, chunk.Length * 15 / 16, chunk.Length + 64);
        Assert.InRange(nearCoverage.Repeats, chunk.Length / 258, chunk.Length / 64);
        Assert.InRange(farCoverage.CoveredBytes, 0, 64);
    }

    [Fact]
    public void Each_repeat_is_charged_a_match_so_many_short_repeats_save_little()
    {
        var coverage = new RepeatCoverage(CoveredBytes: 4000, Repeats: 1000);

        // Half a byte a literal: 2,000 bytes of literals replaced by 1,000 matches of 2 bytes.
        Assert.Equal(0, coverage.EstimateSavedBytes(length: 8000, entropyCodedLength: 4000));
    }
}
