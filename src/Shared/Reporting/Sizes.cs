using System.Globalization;

namespace S3Exchange.Reporting;

/// <summary>Byte counts as logs and summaries show them.</summary>
internal static class Sizes
{
    public static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture) + " MiB";
}
