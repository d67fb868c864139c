namespace S3Exchange;

/// <summary>Rules for paths inside shard archives and below download folders.</summary>
internal static class MemberPath
{
    /// <summary>
    /// Throws <see cref="InvalidMemberPathException"/> unless <paramref name="path"/> is a
    /// relative path that stays inside its root: not empty, not absolute, no '\', no control
    /// characters, no empty, '.' or '..' segments.
    /// </summary>
    public static void Validate(string path)
    {
        var reason = FindProblem(path);
        if (reason is not null)
        {
            throw new InvalidMemberPathException(path, reason);
        }
    }

    /// <summary>Why <paramref name="path"/> is not a safe relative path, or null when it is.</summary>
    public static string? FindProblem(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "it is empty";
        }

        if (path[0] == '/' || (path.Length >= 2 && path[1] == ':'))
        {
            return "it is absolute";
        }

        foreach (var ch in path)
        {
            if (ch == '\\')
            {
                return "it contains '\\'";
            }

            if (char.IsControl(ch))
            {
                return $"it contains the control character U+{(int)ch:X4}";
            }
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "..")
            {
                return "it contains a '..' segment";
            }

            if (segment is "" or ".")
            {
                return "it contains an empty or '.' segment";
            }
        }

        return null;
    }

    /// <summary>
    /// The full path of <paramref name="relativePath"/> below <paramref name="rootFolder"/>,
    /// after checking that it cannot land outside that folder.
    /// </summary>
    public static string ResolveBelow(string rootFolder, string relativePath)
    {
        Validate(relativePath);
        var root = Path.GetFullPath(rootFolder);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new InvalidMemberPathException(relativePath, $"it resolves outside '{root}'");
        }

        return full;
    }
}
