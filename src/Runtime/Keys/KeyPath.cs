namespace S3Exchange;

/// <summary>Key normalisation and the small key computations the wire format defines.</summary>
internal static class KeyPath
{
    /// <summary>
    /// Collapses runs of '/' to one and removes leading and trailing '/', as the reference does.
    /// </summary>
    public static string Normalize(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!NeedsNormalizing(key))
        {
            return key;
        }

        return string.Join('/', key.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Joins non-empty parts with '/' and normalises the result.</summary>
    public static string Join(params string?[] parts)
    {
        return Normalize(string.Join('/', parts.Where(p => !string.IsNullOrEmpty(p))));
    }

    /// <summary>The folder of a key (everything before the last '/'), or "" for a top-level key.</summary>
    public static string Folder(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash < 0 ? string.Empty : key[..slash];
    }

    /// <summary>
    /// The id the reference infers for an object: the key's last segment without its last
    /// extension (<c>a/b/0001.wav</c> → <c>0001</c>).
    /// </summary>
    public static string InferId(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static bool NeedsNormalizing(string key)
    {
        return key.Length > 0 && (key[0] == '/' || key[^1] == '/' || key.Contains("//", StringComparison.Ordinal));
    }
}
