namespace S3Exchange.Tests.Shards;

/// <summary>The decisions behind a member's ranged read: which attempt reads the index, and which range an entry names.</summary>
public sealed class ShardMemberOpenerTests
{
    [Fact]
    public void The_first_attempt_trusts_an_offset_the_entry_records_and_a_retry_reads_the_index()
    {
        var located = new FileEntry("a.tar#x") { DataOffset = 1536, SizeBytes = 10 };

        Assert.False(ShardMemberOpener.NeedsIndex(located, attempt: 0));
        Assert.True(ShardMemberOpener.NeedsIndex(located, attempt: 1));
    }

    [Fact]
    public void Without_a_recorded_offset_every_attempt_reads_the_index()
    {
        Assert.True(ShardMemberOpener.NeedsIndex(null, attempt: 0));
        Assert.True(ShardMemberOpener.NeedsIndex(new FileEntry("a.tar#x") { SizeBytes = 10 }, attempt: 0));
    }

    [Fact]
    public void An_entry_names_a_range_only_with_both_offset_and_size()
    {
        Assert.Equal((1536L, 10L), ShardMemberOpener.RangeOf(new FileEntry("a.tar#x") { DataOffset = 1536, SizeBytes = 10 }));
        Assert.Null(ShardMemberOpener.RangeOf(new FileEntry("a.tar#x") { DataOffset = 1536 }));
        Assert.Null(ShardMemberOpener.RangeOf(new FileEntry("a.tar#x") { SizeBytes = 10 }));
        Assert.Null(ShardMemberOpener.RangeOf(null));
    }
}
