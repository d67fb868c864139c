using System.Formats.Tar;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using BenchmarkDotNet.Attributes;
using ICSharpCode.SharpZipLib.BZip2;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Tar;

namespace S3Exchange.Bench.Codecs;

/// <summary>
/// Writing and reading one 16 MiB shard's tar stream: gzip by System.IO.Compression (native
/// zlib) at each level against SharpZipLib's managed deflate, bzip2 (SharpZipLib, the only
/// codec at hand), and tar parsing by SharpZipLib against System.Formats.Tar. The block writer
/// the store uses (<see cref="BlockGzipStream"/>: 1 MiB blocks deflated in parallel, stored when
/// they do not compress, Huffman-coded only when matches buy nothing) beside GZipStream at the
/// same level.
/// </summary>
[MemoryDiagnoser]
public class ShardCompressionBenchmarks
{
    public const long TarBytes = 16L * 1024 * 1024;

    private byte[] tar = [];
    private byte[] systemGzip = [];
    private byte[] bzip2 = [];
    private readonly byte[] buffer = new byte[81920];
    private byte[] entropyOutput = [];

    /// <summary>Binary members (6 random bits a byte), random ones (8 bits) or text-like ones.</summary>
    [Params("binary", "random", "text")]
    public string Content { get; set; } = "binary";

    [GlobalSetup]
    public void Setup()
    {
        tar = ShardSamples.Tar(TarBytes, Content);
        entropyOutput = new byte[EntropyOnlyDeflate.MaxEncodedLength(tar.Length)];
        systemGzip = Compress(s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));
        bzip2 = Compress(s => new BZip2OutputStream(s) { IsStreamOwner = false });
    }

    [Benchmark(Baseline = true)]
    public long WriteGzipSystemOptimal() => CountCompressed(s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));

    [Benchmark]
    public long WriteGzipSystemFastest() => CountCompressed(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true));

    [Benchmark]
    public long WriteGzipSystemSmallest() => CountCompressed(s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true));

    /// <summary>The block writer at zlib's level 1 (= Fastest), 2 (the store's default), 6 (= Optimal) and 9 (= SmallestSize).</summary>
    [Benchmark]
    [Arguments(1)]
    [Arguments(2)]
    [Arguments(6)]
    [Arguments(9)]
    public Task<long> WriteGzipBlock(int level) => CountBlockCompressedAsync(level);

    /// <summary>zlib's Huffman-only strategy over the whole tar on one thread: what entropy-only blocks cost before the runtime had its own coder.</summary>
    [Benchmark]
    public long WriteHuffmanOnlyZlib() => CountCompressed(s => new GZipStream(s, new ZLibCompressionOptions { CompressionLevel = 2, CompressionStrategy = ZLibCompressionStrategy.HuffmanOnly }, leaveOpen: true));

    /// <summary>The runtime's Huffman-only coder (<see cref="EntropyOnlyDeflate"/>) over the whole tar on one thread, with the CRC-32 a block needs.</summary>
    [Benchmark]
    public long WriteHuffmanOnlyRuntime()
    {
        var length = EntropyOnlyDeflate.Encode(tar, entropyOutput);
        _ = Crc32.HashToUInt32(tar);
        return length;
    }

    [Benchmark]
    public long WriteGzipSharpZipLibDefault() => CountCompressed(s => new GZipOutputStream(s) { IsStreamOwner = false });

    [Benchmark]
    public long WriteGzipSharpZipLibFastest() => CountCompressed(s =>
    {
        var gzip = new GZipOutputStream(s) { IsStreamOwner = false };
        gzip.SetLevel(1);
        return gzip;
    });

    [Benchmark]
    public long WriteBzip2SharpZipLib() => CountCompressed(s => new BZip2OutputStream(s) { IsStreamOwner = false });

    [Benchmark]
    public long ReadGzipSystem() => Drain(new GZipStream(new MemoryStream(systemGzip, writable: false), CompressionMode.Decompress));

    [Benchmark]
    public long ReadGzipSharpZipLib() => Drain(new GZipInputStream(new MemoryStream(systemGzip, writable: false)));

    [Benchmark]
    public long ReadBzip2SharpZipLib() => Drain(new BZip2InputStream(new MemoryStream(bzip2, writable: false)));

    [Benchmark]
    public long ReadTarSharpZipLib()
    {
        using var reader = new TarInputStream(new MemoryStream(tar, writable: false), Encoding.UTF8);
        long total = 0;
        while (reader.GetNextEntry() is not null)
        {
            total += DrainOpen(reader);
        }

        return total;
    }

    [Benchmark]
    public long ReadTarSystemFormats()
    {
        using var reader = new TarReader(new MemoryStream(tar, writable: false));
        long total = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is { } data)
            {
                total += DrainOpen(data);
            }
        }

        return total;
    }

    [Benchmark]
    public long ReadTarGzSharpZipLibOverSystemGzip()
    {
        using var reader = new TarInputStream(new GZipStream(new MemoryStream(systemGzip, writable: false), CompressionMode.Decompress), Encoding.UTF8);
        long total = 0;
        while (reader.GetNextEntry() is not null)
        {
            total += DrainOpen(reader);
        }

        return total;
    }

    /// <summary>Compressed sizes, for the report.</summary>
    public IReadOnlyDictionary<string, long> CompressedSizes() => new Dictionary<string, long>
    {
        ["tar"] = tar.Length,
        ["gzip System Optimal"] = WriteGzipSystemOptimal(),
        ["gzip System Fastest"] = WriteGzipSystemFastest(),
        ["gzip System SmallestSize"] = WriteGzipSystemSmallest(),
        ["gzip block level 1"] = WriteGzipBlock(1).GetAwaiter().GetResult(),
        ["gzip block level 2"] = WriteGzipBlock(2).GetAwaiter().GetResult(),
        ["gzip block level 6"] = WriteGzipBlock(6).GetAwaiter().GetResult(),
        ["gzip block level 9"] = WriteGzipBlock(9).GetAwaiter().GetResult(),
        ["Huffman only, zlib"] = WriteHuffmanOnlyZlib(),
        ["Huffman only, runtime (deflate data)"] = WriteHuffmanOnlyRuntime(),
        ["gzip SharpZipLib default (6)"] = WriteGzipSharpZipLibDefault(),
        ["gzip SharpZipLib level 1"] = WriteGzipSharpZipLibFastest(),
        ["bzip2 SharpZipLib"] = bzip2.Length,
    };

    private byte[] Compress(Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(tar);
        }

        return output.ToArray();
    }

    private long CountCompressed(Func<Stream, Stream> compressor)
    {
        var output = new CountingStream();
        using (var stream = compressor(output))
        {
            for (var offset = 0; offset < tar.Length; offset += buffer.Length)
            {
                stream.Write(tar, offset, Math.Min(buffer.Length, tar.Length - offset));
            }
        }

        return output.Count;
    }

    private async Task<long> CountBlockCompressedAsync(int level)
    {
        var output = new CountingStream();
        var gzip = new BlockGzipStream(output, level);
        await using (gzip.ConfigureAwait(false))
        {
            for (var offset = 0; offset < tar.Length; offset += buffer.Length)
            {
                await gzip.WriteAsync(tar.AsMemory(offset, Math.Min(buffer.Length, tar.Length - offset))).ConfigureAwait(false);
            }

            await gzip.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return output.Count;
    }

    private long Drain(Stream stream)
    {
        using (stream)
        {
            return DrainOpen(stream);
        }
    }

    private long DrainOpen(Stream stream)
    {
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }
}
