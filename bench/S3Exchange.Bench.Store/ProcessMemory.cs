using System.Globalization;

namespace S3Exchange.Bench.Store;

/// <summary>
/// The whole process's resident memory from <c>/proc/self/status</c> (Linux): what the managed
/// heap figures miss (native buffers such as zlib's, memory the GC keeps committed, the runtime).
/// </summary>
internal static class ProcessMemory
{
    private const string StatusFile = "/proc/self/status";

    /// <summary>Resident bytes now (<c>VmRSS</c>), or 0 where there is no such file.</summary>
    public static long ResidentBytes() => Read("VmRSS:");

    /// <summary>The most resident bytes since the last <see cref="TryResetPeak"/> (<c>VmHWM</c>), or 0.</summary>
    public static long PeakResidentBytes() => Read("VmHWM:");

    /// <summary>
    /// Sets the high-water mark back to the resident size now (writing 5 to
    /// <c>/proc/self/clear_refs</c>, Linux 4.0 and later); false where that is not allowed.
    /// </summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Lines look like "VmRSS:\t  123456 kB".
    private static long Read(string field)
    {
        if (!File.Exists(StatusFile))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(StatusFile))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kilobytes = line.AsSpan(field.Length).Trim();
                return long.Parse(kilobytes[..kilobytes.IndexOf(' ')], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
