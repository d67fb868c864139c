namespace S3Exchange.Build.Publishing;

/// <summary>What a publish did, for the summary and the task's outputs.</summary>
internal sealed record PublishOutcome
{
    public required string ManifestKey { get; init; }

    public required string ManifestSha256 { get; init; }

    public required int FileCount { get; init; }

    public required int ShardsUploaded { get; init; }

    public required int ShardsSkipped { get; init; }

    public required int LooseUploaded { get; init; }

    public required int LooseSkipped { get; init; }

    /// <summary>Bytes sent: archives and loose objects that were uploaded (not those skipped).</summary>
    public required long BytesUploaded { get; init; }

    /// <summary>Bytes of content the manifest describes.</summary>
    public required long ContentBytes { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public double MebibytesPerSecond => Elapsed.TotalSeconds > 0 ? BytesUploaded / 1048576.0 / Elapsed.TotalSeconds : 0;

    public bool UploadedNothing => ShardsUploaded == 0 && LooseUploaded == 0;
}
