namespace S3Exchange;

/// <summary>How <see cref="S3ExchangeStore.FetchAsync"/> writes a manifest's files into a folder.</summary>
public sealed record FetchOptions
{
    /// <summary>
    /// Check each file's size and SHA-256 against its entry (<c>size_bytes</c>, <c>meta.sha256</c>)
    /// where the manifest records them; a mismatch is a <see cref="ContentMismatchException"/>
    /// and the file is not kept. Default true.
    /// </summary>
    public bool VerifyContent { get; init; } = true;

    /// <summary>Give each file the Unix mode its entry records in <c>meta.mode</c> (ignored on Windows). Default true.</summary>
    public bool RestoreModes { get; init; } = true;
}
