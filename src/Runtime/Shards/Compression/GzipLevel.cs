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
    /// Whether zlib is given the level itself (.NET 9 and later, through <c>ZLibCompressionOptions</c>)
    /// or, on .NET 8, the named level nearest it.
    /// </summary>
    public static bool TakesIntegerLevels =>
#if NET9_0_OR_GREATER
        true;
#else
        false;
#endif

    /// <summary>A gzip member writer at <paramref name="level"/>.</summary>
    public static GZipStream OpenGzip(Stream destination, int level, bool leaveOpen) => new(destination, ToZlibSetting(level), leaveOpen);

    /// <summary>A raw deflate writer at <paramref name="level"/>.</summary>
    public static DeflateStream OpenDeflate(Stream destination, int level, bool leaveOpen) => new(destination, ToZlibSetting(level), leaveOpen);

#if NET9_0_OR_GREATER
    private static ZLibCompressionOptions ToZlibSetting(int level) => new() { CompressionLevel = level };
#else
    // .NET 8 can only ask zlib for the named levels (NoCompression 0, Fastest 1, Optimal 6,
    // SmallestSize 9): 1-3 go to Fastest, 4-8 to Optimal (README: the net8.0 build's levels).
    private static CompressionLevel ToZlibSetting(int level) => level switch
    {
        Stored => CompressionLevel.NoCompression,
        <= 3 => CompressionLevel.Fastest,
        <= 8 => CompressionLevel.Optimal,
        _ => CompressionLevel.SmallestSize,
    };
#endif
}
