using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace S3Exchange.Bench.Codecs;

/// <summary>
/// Time and allocations per manifest entry: one line parsed and written, and a 1,000-line
/// document parsed in memory and streamed (OperationsPerInvoke makes those figures per line).
/// </summary>
[MemoryDiagnoser]
public class ManifestCodecBenchmarks
{
    private const int Lines = 1000;

    private readonly ArrayBufferWriter<byte> output = new(64 * 1024);
    private byte[] memberLine = [];
    private byte[] plainLine = [];
    private byte[] document = [];
    private FileEntry member = null!;
    private FileEntry plain = null!;
    private List<FileEntry> entries = [];

    [GlobalSetup]
    public void Setup()
    {
        member = ManifestSamples.Member(42);
        plain = ManifestSamples.PlainMember(42);
        memberLine = ManifestJson.ToBytes([member])[..^1];
        plainLine = ManifestJson.ToBytes([plain])[..^1];
        entries = Enumerable.Range(0, Lines).Select(ManifestSamples.Member).ToList();
        document = ManifestJson.ToBytes(entries);
    }

    [Benchmark]
    public ManifestEntry ParseLineWithMeta() => ManifestJson.ParseLine(memberLine, "m.jsonl", 1);

    [Benchmark]
    public ManifestEntry ParseLinePlain() => ManifestJson.ParseLine(plainLine, "m.jsonl", 1);

    [Benchmark]
    public int WriteLineWithMeta()
    {
        output.ResetWrittenCount();
        ManifestJson.WriteLine(output, member);
        return output.WrittenCount;
    }

    [Benchmark]
    public int WriteLinePlain()
    {
        output.ResetWrittenCount();
        ManifestJson.WriteLine(output, plain);
        return output.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int ParseDocument() => ManifestLines.Parse(document, "m.jsonl").Count;

    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> StreamDocument()
    {
        var count = 0;
        await foreach (var _ in ManifestLines.ReadAsync(new MemoryStream(document, writable: false), "m.jsonl", CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int WriteDocument() => ManifestJson.ToBytes(entries).Length;
}
