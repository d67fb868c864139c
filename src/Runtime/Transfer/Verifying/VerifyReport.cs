namespace S3Exchange;

/// <summary>What <see cref="S3ExchangeStore.VerifyAsync"/> found: nothing, when <see cref="Problems"/> is empty.</summary>
/// <param name="ManifestKey">The manifest's full bucket key.</param>
/// <param name="FilesChecked">Files of the manifest checked (shards expanded).</param>
/// <param name="Problems">Every difference, in manifest order (a folder's extra files last).</param>
public sealed record VerifyReport(string ManifestKey, int FilesChecked, IReadOnlyList<VerifyProblem> Problems)
{
    /// <summary>Whether the store (and the folder, when one was given) matches the manifest.</summary>
    public bool Matches => Problems.Count == 0;
}

/// <summary>One difference between a manifest and what the store or a folder holds.</summary>
/// <param name="Key">The entry's key (or archive key, for a shard that cannot be read); null for a file of the folder the manifest does not name.</param>
/// <param name="Path">The file's path below the folder, when a folder was checked.</param>
/// <param name="Problem">What differs, in words: "missing from the store", "size 10, manifest 12", "sha256 differs", …</param>
public sealed record VerifyProblem(string? Key, string? Path, string Problem);
