namespace S3Exchange;

/// <summary>
/// A key of the form <c>&lt;archive_key&gt;#&lt;member_path&gt;</c> that names one member of a shard archive.
/// </summary>
/// <param name="ArchiveKey">The archive's bucket key.</param>
/// <param name="MemberPath">The member's path inside the archive.</param>
public readonly record struct VirtualKey(string ArchiveKey, string MemberPath)
{
    /// <summary>Splits <paramref name="key"/> at its first '#'; false when it has none or either side is empty.</summary>
    public static bool TryParse(string key, out VirtualKey virtualKey)
    {
        var hash = key.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0 || hash == key.Length - 1)
        {
            virtualKey = default;
            return false;
        }

        virtualKey = new VirtualKey(key[..hash], key[(hash + 1)..]);
        return true;
    }

    /// <summary>The virtual key's text.</summary>
    public override string ToString() => Compose(ArchiveKey, MemberPath);

    /// <summary>
    /// Whether <paramref name="key"/> is the virtual key of <paramref name="memberPath"/> in
    /// <paramref name="archiveKey"/>, checked without building it (reading a shard reuses the
    /// internal manifest's keys instead of allocating one per member).
    /// </summary>
    internal static bool Names(string key, string archiveKey, string memberPath) =>
        key.Length == archiveKey.Length + 1 + memberPath.Length
        && key[archiveKey.Length] == '#'
        && key.StartsWith(archiveKey, StringComparison.Ordinal)
        && key.EndsWith(memberPath, StringComparison.Ordinal);

    /// <summary>Builds the virtual key text for a member.</summary>
    public static string Compose(string archiveKey, string memberPath) => archiveKey + "#" + memberPath;
}
