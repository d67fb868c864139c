using S3Exchange.Build.Diagnostics;

namespace S3Exchange.Build.Downloading;

/// <summary>
/// Where each manifest file lands below the download folder, decided and checked for every file
/// before the first byte is written: no absolute path, no '..', no path that resolves outside
/// the folder, no existing symlink on the way that would carry the write elsewhere, no two files
/// on one path. Shard members land at their member path; loose objects at <c>meta.path</c>
/// (what the publish task records), else at their key relative to the manifest's folder.
/// </summary>
internal static class DownloadTargets
{
    public static IReadOnlyDictionary<(string Archive, string Name), string> Resolve(IEnumerable<FileEntry> entries, string manifestFullKey, string folder)
    {
        var root = Path.GetFullPath(folder);
        var manifestFolder = KeyPath.Folder(manifestFullKey);
        var targets = new Dictionary<(string, string), string>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var relative = RelativePathOf(entry, manifestFolder);
            string full;
            try
            {
                full = MemberPath.ResolveBelow(root, relative);
            }
            catch (InvalidMemberPathException ex)
            {
                throw Unsafe(entry, ex.Message);
            }

            if (FindLinkOnTheWay(root, full) is { } link)
            {
                throw Unsafe(entry, $"'{link}' in the download folder is a symlink, so writing '{relative}' could land outside '{root}'. Download into an empty folder.");
            }

            if (!paths.Add(full))
            {
                throw Unsafe(entry, $"another file of the manifest is also written to '{relative}'.");
            }

            targets[IdentityOf(entry)] = full;
        }

        return targets;
    }

    /// <summary>How an entry listed from the manifest is matched with the same entry when its content is streamed.</summary>
    public static (string Archive, string Name) IdentityOf(FileEntry entry) =>
        (entry.ArchiveKey ?? string.Empty, entry.MemberPath ?? entry.Key);

    private static string RelativePathOf(FileEntry entry, string manifestFolder)
    {
        if (entry.MemberPath is { } member)
        {
            return member;
        }

        if (entry.Meta?["path"] is { } path && path.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            return path.GetValue<string>();
        }

        return manifestFolder.Length > 0 && entry.Key.StartsWith(manifestFolder + "/", StringComparison.Ordinal)
            ? entry.Key[(manifestFolder.Length + 1)..]
            : entry.Key;
    }

    private static string? FindLinkOnTheWay(string root, string full)
    {
        var current = root;
        var parts = Path.GetRelativePath(root, full).Split(Path.DirectorySeparatorChar);
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                return current;
            }

            if (!info.Exists && !Directory.Exists(current))
            {
                return null;
            }
        }

        return null;
    }

    private static BuildFailure Unsafe(FileEntry entry, string reason) =>
        new(ErrorCodes.UnsafePath, $"Refusing to download '{entry.Key}': {reason} Nothing was written. Check who wrote this manifest.");
}
