namespace S3Exchange;

/// <summary>What a finished upload stored.</summary>
/// <param name="Key">The object's key.</param>
/// <param name="SizeBytes">Bytes written.</param>
/// <param name="ETag">The ETag the server returned, without quotes.</param>
internal readonly record struct UploadResult(string Key, long SizeBytes, string? ETag);
