using System.Buffers;
using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>Splits JSON Lines content into entries, numbering lines from 1 and skipping blank ones.</summary>
internal static class ManifestLines
{
    private const int ReadChunk = 64 * 1024;

    /// <summary>Parses a whole manifest held in memory.</summary>
    public static List<ManifestEntry> Parse(ReadOnlySpan<byte> content, string manifestKey)
    {
        var entries = new List<ManifestEntry>();
        var lineNumber = 0;
        ParseComplete(content, manifestKey, ref lineNumber, entries);
        return entries;
    }

    /// <summary>
    /// Parses a manifest as it streams in; memory holds one read chunk plus the longest line.
    /// </summary>
    public static async IAsyncEnumerable<ManifestEntry> ReadAsync(Stream content, string manifestKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
        var filled = 0;
        var lineNumber = 0;
        var batch = new List<ManifestEntry>();
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                filled += read;
                var consumed = read == 0 ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                ParseComplete(buffer.AsSpan(0, consumed), manifestKey, ref lineNumber, batch);
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                foreach (var entry in batch)
                {
                    yield return entry;
                }

                batch.Clear();
                if (read == 0)
                {
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ParseComplete(ReadOnlySpan<byte> lines, string manifestKey, ref int lineNumber, List<ManifestEntry> into)
    {
        string? recentArchiveKey = null;
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf((byte)'\n');
            var line = (end < 0 ? lines : lines[..end]).Trim(" \t\r"u8);
            lines = end < 0 ? [] : lines[(end + 1)..];
            lineNumber++;
            if (line.IsEmpty)
            {
                continue;
            }

            var entry = ManifestJson.ParseLine(line, manifestKey, lineNumber, recentArchiveKey);
            recentArchiveKey = entry switch
            {
                FileEntry { ArchiveKey: { } archiveKey } => archiveKey,
                ShardEntry shard => shard.ArchiveKey,
                _ => recentArchiveKey,
            };
            into.Add(entry);
        }
    }
}
