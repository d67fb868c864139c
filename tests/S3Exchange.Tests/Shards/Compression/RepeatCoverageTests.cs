namespace S3Exchange.Tests.Shards.Compression;

/// <summary>
/// The cheap bound on what matches could save (no server): data without repeats is covered under
/// 1/64, so its blocks are never deflated to tell; text and copies are covered by what repeats.
/// </summary>
public sealed class RepeatCoverageTests
{
    [Fact]
    public void Six_random_bits_a_byte_are_covered_under_a_sixty_fourth()
    {
        var sample = TestData.SixBit(DeflatedBlock.SampleBytes, 1);

        Assert.InRange(RepeatCoverage.CoveredBytes(sample), 0, (sample.Length / 64) - 1);
    }

    [Fact]
    public void Text_is_mostly_covered()
    {
        var sample = GzipReference.Text(DeflatedBlock.SampleBytes);

        Assert.InRange(RepeatCoverage.CoveredBytes(sample), sample.Length / 2, sample.Length);
    }

    [Fact]
    public void A_copy_within_the_window_is_covered_and_one_beyond_it_is_not()
    {
        var chunk = TestData.Random(4096, 2);
        byte[] near = [.. chunk, .. TestData.Random(10_000, 3), .. chunk];
        byte[] far = [.. chunk, .. TestData.Random(40_000, 4), .. chunk];

        // One candidate a hash slot: a few of the copy's positions may have lost theirs.
        Assert.InRange(RepeatCoverage.CoveredBytes(near), chunk.Length * 15 / 16, chunk.Length + 64);
        Assert.InRange(RepeatCoverage.CoveredBytes(far), 0, 64);
    }
}
