namespace S3Exchange;

/// <summary>ETag spelling: the server quotes them, manifests store them bare.</summary>
internal static class ETags
{
    public static string? Unquote(string? etag) => etag?.Trim('"');

    public static string Quote(string etag) => etag.StartsWith('"') ? etag : "\"" + etag + "\"";
}
