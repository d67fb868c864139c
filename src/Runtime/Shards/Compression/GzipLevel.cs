using System.IO.Compression;

namespace S3Exchange;

/// <summary>
/// gzip levels on zlib's 0–9 scale, which the options take as integers because
/// <see cref="CompressionLevel"/> names only four of them and the best trade for build output
/// lies between two (docs/performance.md: level 2 stores 47% of .NET's shared runtimes at 1.6×
/// Optimal's speed; Fastest, level 1, stores 55%).
/// </summary>
internal static class GzipLevel
{
    /// <summary>No compression: every block stored.</summary>
    public const int Stored = 0;

    /// <summary>The highest level zlib has.</summary>
    public const int Max = 9;

    /// <summary>Throws, naming <paramref name="name"/>, when <paramref name="level"/> is not 0–9.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is below 0 or above 9.</exception>
    public static void Validate(int level, string name)
    {
        if (level is < Stored or > Max)
        {
            throw new ArgumentOutOfRangeException(name, level, $"{name} is a gzip level from 0 (stored) to 9 (smallest), as zlib numbers them; not {level}.");
        }
    }

    /// <summary>
    /// Whether this runtime's zlib can be asked to code entropy only (Huffman codes, no search for
    /// matches): .NET 9 and later, through <c>ZLibCompressionOptions.CompressionStrategy</c>.
    /// </summary>
    public static bool CanCodeEntropyOnly =>
#if NET9_0_OR_GREATER
        true;
#else
        false;
#endif

    /// <summary>A gzip member writer at <paramref name="level"/>; with <paramref name="entropyOnly"/>, Huffman codes without a search for matches.</summary>
    public static GZipStream OpenGzip(Stream destination, int level, bool entropyOnly, bool leaveOpen) => new(destination, ToZlibSetting(level, entropyOnly), leaveOpen);

    /// <summary>A raw deflate writer at <paramref name="level"/>; with <paramref name="entropyOnly"/>, Huffman codes without a search for matches.</summary>
    public static DeflateStream OpenDeflate(Stream destination, int level, bool entropyOnly, bool leaveOpen) => new(destination, ToZlibSetting(level, entropyOnly), leaveOpen);

#if NET9_0_OR_GREATER
    private static ZLibCompressionOptions ToZlibSetting(int level, bool entropyOnly) => new()
    {
        CompressionLevel = level,
        CompressionStrategy = entropyOnly ? ZLibCompressionStrategy.HuffmanOnly : ZLibCompressionStrategy.Default,
    };
#else
    // .NET 8 can only ask zlib for the named levels (NoCompression 0, Fastest 1, Optimal 6,
    // SmallestSize 9): 1-3 go to Fastest, 4-8 to Optimal (README: the net8.0 build's levels).
    // It has no strategy either: callers ask for entropy only when CanCodeEntropyOnly says so.
    private static CompressionLevel ToZlibSetting(int level, bool entropyOnly)
    {
        System.Diagnostics.Debug.Assert(!entropyOnly, "entropy-only coding needs .NET 9");
        return level switch
        {
            Stored => CompressionLevel.NoCompression,
            <= 3 => CompressionLevel.Fastest,
            <= 8 => CompressionLevel.Optimal,
            _ => CompressionLevel.SmallestSize,
        };
    }
#endif
}
