namespace S3Exchange;

/// <summary>The wire names and key endings of <see cref="ShardCompression"/> values.</summary>
internal static class ShardCompressionNames
{
    /// <summary>
    /// Reads a <c>compression</c> value. Accepts what the reference writes (<c>gzip</c>, <c>bz2</c>,
    /// <c>xz</c>) and what its key inference yields (<c>gz</c>, <c>bzip2</c>); null means "not said".
    /// </summary>
    public static bool TryParse(string? value, out ShardCompression? compression)
    {
        switch (value)
        {
            case null:
                compression = null;
                return true;
            case "gzip" or "gz":
                compression = ShardCompression.Gzip;
                return true;
            case "bz2" or "bzip2":
                compression = ShardCompression.Bzip2;
                return true;
            case "xz":
                compression = ShardCompression.Xz;
                return true;
            default:
                compression = null;
                return false;
        }
    }

    /// <summary>The value written for <paramref name="compression"/>; null for plain tar, as the reference writes.</summary>
    public static string? ToWireName(ShardCompression compression) => compression switch
    {
        ShardCompression.Gzip => "gzip",
        ShardCompression.Bzip2 => "bz2",
        ShardCompression.Xz => "xz",
        _ => null,
    };

    /// <summary>The archive key ending for <paramref name="compression"/>: <c>.tar.gz</c>, <c>.tar.bz2</c>, <c>.tar.xz</c> or <c>.tar</c>.</summary>
    public static string FileExtension(ShardCompression compression) => compression switch
    {
        ShardCompression.Gzip => ".tar.gz",
        ShardCompression.Bzip2 => ".tar.bz2",
        ShardCompression.Xz => ".tar.xz",
        _ => ".tar",
    };

    /// <summary>Infers compression from a key's ending (<c>.tar.gz</c>/<c>.tgz</c>, <c>.tar.bz2</c>, <c>.tar.xz</c>; otherwise none).</summary>
    public static ShardCompression InferFromKey(string key)
    {
        if (key.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || key.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
        {
            return ShardCompression.Gzip;
        }

        if (key.EndsWith(".tar.bz2", StringComparison.OrdinalIgnoreCase) || key.EndsWith(".tbz2", StringComparison.OrdinalIgnoreCase))
        {
            return ShardCompression.Bzip2;
        }

        return key.EndsWith(".tar.xz", StringComparison.OrdinalIgnoreCase) ? ShardCompression.Xz : ShardCompression.None;
    }
}
