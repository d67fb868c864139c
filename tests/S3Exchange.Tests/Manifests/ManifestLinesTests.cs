using System.Text;

namespace S3Exchange.Tests.Manifests;

public sealed class ManifestLinesTests
{
    private const string Content = "{\"kind\":\"file\",\"key\":\"a\"}\n\n  \r\n{\"kind\":\"manifest_ref\",\"key\":\"p\"}\r\n{\"kind\":\"shard\",\"archive_key\":\"s.tar\"}";

    [Fact]
    public void Blank_lines_are_skipped_and_a_missing_final_newline_is_fine()
    {
        var entries = ManifestLines.Parse(Encoding.UTF8.GetBytes(Content), "m");
        Assert.Equal([ManifestEntryKind.File, ManifestEntryKind.ManifestRef, ManifestEntryKind.Shard], entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task Streaming_one_byte_at_a_time_gives_the_same_entries()
    {
        var stream = new TrickleStream(Encoding.UTF8.GetBytes(Content));
        var streamed = new List<string>();
        await foreach (var entry in ManifestLines.ReadAsync(stream, "m", CancellationToken.None))
        {
            streamed.Add(entry.ToString());
        }

        Assert.Equal(ManifestLines.Parse(Encoding.UTF8.GetBytes(Content), "m").Select(e => e.ToString()), streamed);
    }

    [Fact]
    public async Task Lines_longer_than_the_read_buffer_are_parsed()
    {
        var longKey = new string('k', 200_000);
        var content = Encoding.UTF8.GetBytes($"{{\"kind\":\"file\",\"key\":\"{longKey}\"}}\n");
        var entries = new List<ManifestEntry>();
        await foreach (var entry in ManifestLines.ReadAsync(new MemoryStream(content), "m", CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.Equal(longKey, Assert.IsType<FileEntry>(Assert.Single(entries)).Key);
    }

    [Fact]
    public void Line_numbers_count_blank_lines()
    {
        var ex = Assert.Throws<InvalidManifestException>(() => ManifestLines.Parse(Encoding.UTF8.GetBytes("{\"kind\":\"file\",\"key\":\"a\"}\n\n{oops}\n"), "m"));
        Assert.Equal(3, ex.LineNumber);
    }

    [Fact]
    public async Task A_read_can_go_on_from_after_any_entry_with_the_same_line_numbers()
    {
        var content = Encoding.UTF8.GetBytes("\n" + Content + "\n\n{oops}\n");
        var stops = new List<(long Offset, int Line, string Entry)>();
        using (var whole = new ManifestLineReader(new TrickleStream(content), "m"))
        {
            while (await NextOrFailureAsync(whole) is { } entry)
            {
                stops.Add((whole.Offset, whole.LineNumber, entry));
            }
        }

        Assert.Equal([2, 5, 6, 8], stops.Select(s => s.Line));
        Assert.Contains("'m', line 8:", stops[^1].Entry);
        for (var i = 0; i < stops.Count - 1; i++)
        {
            using var rest = new ManifestLineReader(new MemoryStream(content[(int)stops[i].Offset..]), "m", stops[i].Offset, stops[i].Line);
            var after = new List<(long, int, string)>();
            while (await NextOrFailureAsync(rest) is { } entry)
            {
                after.Add((rest.Offset, rest.LineNumber, entry));
            }

            Assert.Equal(stops.Skip(i + 1), after);
        }

        static async Task<string?> NextOrFailureAsync(ManifestLineReader reader)
        {
            try
            {
                return (await reader.NextAsync(CancellationToken.None))?.ToString();
            }
            catch (InvalidManifestException ex)
            {
                return ex.Message;
            }
        }
    }

    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
