using System.Security.Cryptography;

namespace S3Exchange;

/// <summary>Names of append_parts part files.</summary>
internal static class PartKeys
{
    /// <summary>
    /// <c>&lt;folder of root&gt;/manifests/part-&lt;UTC yyyyMMdd-HHmmss&gt;-&lt;8 hex&gt;.jsonl</c>, as the reference names them.
    /// </summary>
    public static string New(string rootKey, DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        var name = $"part-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexString(random).ToLowerInvariant()}.jsonl";
        return KeyLayout.PartKey(rootKey, name);
    }
}
