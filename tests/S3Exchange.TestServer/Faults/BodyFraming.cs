namespace S3Exchange.Testing;

/// <summary>How an HTTP/1.1 message's body ends (RFC 9112, section 6.3).</summary>
/// <param name="Kind">The framing.</param>
/// <param name="Length">The body's length for <see cref="BodyFramingKind.Length"/>.</param>
internal readonly record struct BodyFraming(BodyFramingKind Kind, long Length = 0)
{
    public static BodyFraming OfRequest(HttpHead request) =>
        request.IsChunked ? new(BodyFramingKind.Chunked)
        : request.ContentLength is > 0 and var length ? new(BodyFramingKind.Length, length)
        : new(BodyFramingKind.None);

    public static BodyFraming OfResponse(string requestMethod, HttpHead response) =>
        requestMethod == "HEAD" || response.Status is (>= 100 and < 200) or 204 or 304 ? new(BodyFramingKind.None)
        : response.IsChunked ? new(BodyFramingKind.Chunked)
        : response.ContentLength is { } length ? (length > 0 ? new(BodyFramingKind.Length, length) : new(BodyFramingKind.None))
        : new(BodyFramingKind.UntilClose);
}

/// <summary>The ways an HTTP/1.1 body is delimited.</summary>
internal enum BodyFramingKind
{
    /// <summary>No body.</summary>
    None,

    /// <summary>Content-Length bytes.</summary>
    Length,

    /// <summary>Transfer-Encoding: chunked.</summary>
    Chunked,

    /// <summary>Everything until the sender closes the connection.</summary>
    UntilClose,
}
