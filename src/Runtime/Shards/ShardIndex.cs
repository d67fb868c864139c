namespace S3Exchange;

/// <summary>The internal manifest of an archive: its members in order, by path, and the archive's ETag when read.</summary>
internal sealed class ShardIndex
{
    public ShardIndex(string? etag, IReadOnlyList<FileEntry> members)
    {
        ETag = etag;
        Members = members;
        var byPath = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.MemberPath is { } path)
            {
                byPath[path] = member;
            }
        }

        ByPath = byPath;
    }

    public string? ETag { get; }

    public IReadOnlyList<FileEntry> Members { get; }

    public IReadOnlyDictionary<string, FileEntry> ByPath { get; }
}
