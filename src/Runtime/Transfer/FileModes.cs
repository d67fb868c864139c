namespace S3Exchange;

/// <summary>Unix permission bits as read from disk and as written into manifests ("0755").</summary>
internal static class FileModes
{
    public const int Default = 0b110_100_100;   // 0644: what a file gets where the OS has no modes (Windows)
    private const int PermissionMask = 0b111_111_111_111;  // rwx for user/group/other plus setuid/setgid/sticky

    public static int Read(string path) =>
        OperatingSystem.IsWindows() ? Default : (int)File.GetUnixFileMode(path) & PermissionMask;

    public static void Apply(string path, int mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)(mode & PermissionMask));
        }
    }

    public static string ToOctal(int mode) => Convert.ToString(mode & PermissionMask, 8).PadLeft(4, '0');

    public static bool TryParseOctal(string? text, out int mode)
    {
        mode = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 6)
        {
            return false;
        }

        foreach (var ch in text)
        {
            if (ch is < '0' or > '7')
            {
                return false;
            }

            mode = (mode * 8) + (ch - '0');
        }

        mode &= PermissionMask;
        return true;
    }

    /// <summary>Parses what a manifest's meta holds: an octal string, or (from other writers) a number.</summary>
    public static bool TryParseMeta(System.Text.Json.Nodes.JsonNode? node, out int mode)
    {
        mode = 0;
        if (node is null)
        {
            return false;
        }

        if (node.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            mode = node.GetValue<int>() & PermissionMask;
            return true;
        }

        return node.GetValueKind() == System.Text.Json.JsonValueKind.String && TryParseOctal(node.GetValue<string>(), out mode);
    }
}
