namespace S3Exchange;

/// <summary>What a publish stored: its plan, what was sent and what was already there.</summary>
public sealed record PublishReport
{
    /// <summary>The plan: every shard and loose file with its key.</summary>
    public required PublishPlan Plan { get; init; }

    /// <summary>The manifest's full bucket key.</summary>
    public required string ManifestKey { get; init; }

    /// <summary>The SHA-256 of the manifest as stored.</summary>
    public required string ManifestSha256 { get; init; }

    /// <summary>Files the manifest lists.</summary>
    public int FileCount => Plan.FileCount;

    /// <summary>Bytes of content the manifest describes.</summary>
    public long ContentBytes => Plan.ContentBytes;

    /// <summary>Shards this run uploaded.</summary>
    public int ShardsUploaded { get; init; }

    /// <summary>Shards that were already stored (same content-addressed key).</summary>
    public int ShardsSkipped => Plan.Shards.Count - ShardsUploaded;

    /// <summary>Loose files this run uploaded.</summary>
    public int LooseUploaded { get; init; }

    /// <summary>Loose files that were already stored.</summary>
    public int LooseSkipped => Plan.LooseFiles.Count - LooseUploaded;

    /// <summary>Bytes sent: archives and loose objects that were uploaded (not those skipped).</summary>
    public long BytesUploaded { get; init; }

    /// <summary>How long the publish took, hashing included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Upload throughput over the whole publish.</summary>
    public double MebibytesPerSecond => Elapsed.TotalSeconds > 0 ? BytesUploaded / 1048576.0 / Elapsed.TotalSeconds : 0;

    /// <summary>Whether every shard and loose file was already stored.</summary>
    public bool UploadedNothing => ShardsUploaded == 0 && LooseUploaded == 0;
}
