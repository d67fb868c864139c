using System.Text;
using ICSharpCode.SharpZipLib.Tar;

namespace S3Exchange.Tests.Shards;

public sealed class TarFormatTests
{
    public static TheoryData<string> Names => new()
    {
        "short.txt",
        "dir/sub/file.bin",
        new string('n', 100),
        "deep/" + new string('x', 150) + "/file.txt",
        "übung/straße.wav",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Headers_read_back_with_name_size_and_mode(string name)
    {
        var data = Encoding.UTF8.GetBytes("hello tar");
        var archive = Archive((name, data, 0b111_101_101));

        using var tar = new TarInputStream(new MemoryStream(archive), Encoding.UTF8);
        var entry = tar.GetNextEntry();
        Assert.Equal(name, entry.Name);
        Assert.Equal(data.Length, entry.Size);
        Assert.Equal(0b111_101_101, entry.TarHeader.Mode & 0b111_111_111);
        var read = new byte[data.Length];
        tar.ReadExactly(read);
        Assert.Equal(data, read);
        Assert.Null(tar.GetNextEntry());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void HeaderLength_predicts_the_header_written(string name)
    {
        Assert.Equal(TarFormat.FileHeader(name, 12345, 0b110_100_100, 0).Length, TarFormat.HeaderLength(name, 12345));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_first_header_gives_the_data_offset(string name)
    {
        var data = Encoding.UTF8.GetBytes("first member data");
        var archive = Archive((name, data, 0b110_100_100), ("second", [1, 2, 3], 0b110_100_100));
        Assert.True(TarFormat.TryReadFirstHeader(archive, out var readName, out var size, out var offset));
        Assert.Equal(name, readName);
        Assert.Equal(data.Length, size);
        Assert.Equal(data, archive.AsSpan((int)offset, (int)size).ToArray());
    }

    [Fact]
    public void Archives_end_on_a_whole_record()
    {
        var archive = Archive(("a", new byte[700], 0b110_100_100));
        Assert.Equal(0, archive.Length % TarFormat.RecordSize);
    }

    [Fact]
    public void A_truncated_head_asks_for_more()
    {
        var archive = Archive((new string('p', 300), [1], 0b110_100_100));
        Assert.False(TarFormat.TryReadFirstHeader(archive.AsSpan(0, 600), out _, out _, out _));
    }

    [Fact]
    public void Garbage_is_not_a_tar_header()
    {
        Assert.Throws<InvalidDataException>(() => TarFormat.TryReadFirstHeader(Enumerable.Repeat((byte)'z', 1024).ToArray(), out _, out _, out _));
    }

    private static byte[] Archive(params (string Name, byte[] Data, int Mode)[] members)
    {
        var output = new MemoryStream();
        foreach (var (name, data, mode) in members)
        {
            output.Write(TarFormat.FileHeader(name, data.Length, mode, 1_700_000_000));
            output.Write(data);
            output.Write(new byte[TarFormat.PaddingAfter(data.Length)]);
        }

        output.Write(new byte[TarFormat.TrailerLength(output.Length)]);
        return output.ToArray();
    }
}
