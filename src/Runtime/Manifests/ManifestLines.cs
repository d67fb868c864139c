using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>Splits JSON Lines content into entries, numbering lines from 1 and skipping blank ones.</summary>
internal static class ManifestLines
{
    /// <summary>Parses a whole manifest held in memory.</summary>
    public static List<ManifestEntry> Parse(ReadOnlySpan<byte> content, string manifestKey)
    {
        var entries = new List<ManifestEntry>();
        var lineNumber = 0;
        string? recentArchiveKey = null;
        while (!content.IsEmpty)
        {
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            if (ParseLine(line, manifestKey, ++lineNumber, ref recentArchiveKey) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>
    /// Parses a manifest as it streams in; memory holds one read chunk plus the longest line
    /// (see <see cref="ManifestLineReader"/>).
    /// </summary>
    public static async IAsyncEnumerable<ManifestEntry> ReadAsync(Stream content, string manifestKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new ManifestLineReader(content, manifestKey);
        while (await reader.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
        {
            yield return entry;
        }
    }

    /// <summary>
    /// Parses one line (without its newline); null when it is blank. Lines that name the same
    /// archive as <paramref name="recentArchiveKey"/> share its string, and it follows the line.
    /// </summary>
    public static ManifestEntry? ParseLine(ReadOnlySpan<byte> line, string manifestKey, int lineNumber, ref string? recentArchiveKey)
    {
        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty)
        {
            return null;
        }

        var entry = ManifestJson.ParseLine(line, manifestKey, lineNumber, recentArchiveKey);
        recentArchiveKey = entry switch
        {
            FileEntry { ArchiveKey: { } archiveKey } => archiveKey,
            ShardEntry shard => shard.ArchiveKey,
            _ => recentArchiveKey,
        };
        return entry;
    }
}
