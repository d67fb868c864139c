namespace S3Exchange;

/// <summary>
/// Decides, before the first byte is written, where every file of a manifest lands and which
/// request reads it. Paths: a shard member at its member path; a loose object at
/// <c>meta.path</c> when the entry records one (what publishing writes), else at its key
/// relative to the manifest's folder, else at its full key. Every path is checked: none may be
/// absolute, hold '..', resolve outside the folder, pass through an existing symlink, or be
/// claimed by two different entries.
/// </summary>
internal static class FetchPlanner
{
    /// <summary>The targets in manifest order; an entry listed twice (same object) is fetched once.</summary>
    /// <exception cref="InvalidMemberPathException">A path is unsafe, or two entries share one.</exception>
    public static List<FetchTarget> ResolveTargets(IEnumerable<(FileEntry File, ShardEntry? Shard)> files, string manifestFullKey, string folder)
    {
        var root = Path.GetFullPath(folder);
        var manifestFolder = KeyPath.Folder(manifestFullKey);
        var targets = new List<FetchTarget>();
        var byPath = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        foreach (var (file, shard) in files)
        {
            var relative = RelativePathOf(file, manifestFolder);
            string full;
            try
            {
                full = MemberPath.ResolveBelow(root, relative);
            }
            catch (InvalidMemberPathException ex)
            {
                throw new InvalidMemberPathException(relative, ex.Message, file.Key);
            }

            if (byPath.TryGetValue(full, out var other))
            {
                if (SameObject(other, file))
                {
                    continue;
                }

                throw new InvalidMemberPathException(relative, $"'{other.Key}' of the same manifest is also written there", file.Key);
            }

            if (FindLinkOnTheWay(root, full) is { } link)
            {
                throw new InvalidMemberPathException(relative, $"'{link}' in the folder is a symlink, so the write could land outside '{root}'; fetch into an empty folder", file.Key);
            }

            byPath.Add(full, file);
            targets.Add(new FetchTarget(file, shard ?? CompressedArchiveOf(file), relative, full));
        }

        return targets;
    }

    /// <summary>
    /// The units of parallel work: all members wanted from one archive are read in one streamed
    /// pass over it (a compressed archive can only be read in order, and a whole plain one costs
    /// one GET instead of one per member); every other object, loose or a plain-tar member listed
    /// on its own (one ranged GET), is a unit of its own.
    /// </summary>
    public static List<List<FetchTarget>> PlanUnits(IEnumerable<FetchTarget> targets)
    {
        var units = new List<List<FetchTarget>>();
        var byArchive = new Dictionary<string, List<FetchTarget>>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (target.Shard is null)
            {
                units.Add([target]);
                continue;
            }

            if (!byArchive.TryGetValue(target.Shard.ArchiveKey, out var unit))
            {
                unit = [];
                byArchive.Add(target.Shard.ArchiveKey, unit);
                units.Add(unit);
            }

            unit.Add(target);
        }

        return units;
    }

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

    private static bool SameObject(FileEntry a, FileEntry b) =>
        string.Equals(a.Key, b.Key, StringComparison.Ordinal) && string.Equals(a.ArchiveKey, b.ArchiveKey, StringComparison.Ordinal);

    // A member listed on its own (a compacted manifest) of a compressed archive: reading it
    // alone would stream the archive up to it, so it joins the one pass over its archive.
    private static ShardEntry? CompressedArchiveOf(FileEntry file)
    {
        if (file is not { ArchiveKey: { } archiveKey, MemberPath: not null })
        {
            return null;
        }

        var archive = new ShardEntry(archiveKey) { Compression = null };
        return archive.EffectiveCompression == ShardCompression.None ? null : archive;
    }

    private static string? FindLinkOnTheWay(string root, string full)
    {
        var current = root;
        foreach (var part in Path.GetRelativePath(root, full).Split(Path.DirectorySeparatorChar))
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
}
