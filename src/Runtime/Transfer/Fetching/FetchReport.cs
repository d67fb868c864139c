namespace S3Exchange;

/// <summary>What <see cref="S3ExchangeStore.FetchAsync"/> wrote.</summary>
/// <param name="ManifestKey">The manifest's full bucket key.</param>
/// <param name="ManifestSha256">The SHA-256 (lowercase hex) of the manifest's bytes as read: the same as the <see cref="PublishReport.ManifestSha256"/> of the publish that wrote it, so a release step can check it fetched that build.</param>
/// <param name="Folder">The folder written to, as a full path.</param>
/// <param name="Files">Every file written, in manifest order.</param>
/// <param name="Elapsed">How long the fetch took.</param>
public sealed record FetchReport(string ManifestKey, string ManifestSha256, string Folder, IReadOnlyList<FetchedFile> Files, TimeSpan Elapsed)
{
    /// <summary>The bytes written, all files together.</summary>
    public long TotalBytes => Files.Sum(f => f.SizeBytes);

    /// <summary>Files whose size or SHA-256 was checked against the manifest.</summary>
    public int VerifiedFiles => Files.Count(f => f.Verified);
}

/// <summary>One file a fetch wrote.</summary>
/// <param name="Key">The full bucket key (or virtual key <c>archive#member</c>) it was read from.</param>
/// <param name="RelativePath">Its path below the folder, '/'-separated.</param>
/// <param name="FullPath">Its full path on disk.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Verified">Whether its size or SHA-256 was checked against the manifest (false when the manifest records neither, or verification was off).</param>
public sealed record FetchedFile(string Key, string RelativePath, string FullPath, long SizeBytes, bool Verified);
