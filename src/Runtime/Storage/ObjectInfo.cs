namespace S3Exchange;

/// <summary>What the server says about an object, from one HEAD request.</summary>
/// <param name="Key">The object's bucket key.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="ETag">Its ETag without quotes.</param>
/// <param name="ContentType">Its content type, when stored.</param>
/// <param name="LastModified">When it was last written.</param>
/// <param name="Metadata">Its user metadata (<c>x-amz-meta-*</c>), names without the prefix.</param>
public sealed record ObjectInfo(
    string Key,
    long SizeBytes,
    string? ETag,
    string? ContentType,
    DateTimeOffset? LastModified,
    IReadOnlyDictionary<string, string> Metadata);
