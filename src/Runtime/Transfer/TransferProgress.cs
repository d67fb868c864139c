namespace S3Exchange;

/// <summary>What a publish or fetch has just done, reported once per shard or file through an <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">What happened.</param>
/// <param name="Key">The full bucket key of the shard archive or object.</param>
/// <param name="Path">The file's path below the folder ('/'-separated), or null for a whole shard.</param>
/// <param name="Files">The files the step covered (a shard's members, or 1).</param>
/// <param name="Bytes">The bytes the step moved: sent for an upload, written for a fetch, 0 when already stored.</param>
/// <param name="Completed">Units (shards and loose files for a publish; files for a fetch; shards for a sharded put; parts for a large put) done so far, this one included; 0 for a download's bytes.</param>
/// <param name="Total">Units in the whole operation; 0 when not known (a put from a stream of unknown length).</param>
/// <param name="Elapsed">How long the step took.</param>
public sealed record TransferProgress(TransferStep Step, string Key, string? Path, int Files, long Bytes, int Completed, int Total, TimeSpan Elapsed)
{
    /// <summary>The bytes the whole operation moves, when known: a large put of a file, a download of an object.</summary>
    public long? TotalBytes { get; init; }
}

/// <summary>The steps <see cref="TransferProgress"/> reports.</summary>
public enum TransferStep
{
    /// <summary>A shard archive was uploaded.</summary>
    ShardUploaded,

    /// <summary>A shard archive with the same content was already stored; nothing was sent.</summary>
    ShardAlreadyStored,

    /// <summary>A file was uploaded as a loose object.</summary>
    FileUploaded,

    /// <summary>A loose object with the same content was already stored; nothing was sent.</summary>
    FileAlreadyStored,

    /// <summary>A fetched file was verified and written to its path.</summary>
    FileWritten,

    /// <summary>A part of a multipart upload was sent (a put larger than the store's part size).</summary>
    PartUploaded,

    /// <summary>A download wrote more of its object: every 8 MiB and at the end; <see cref="TransferProgress.Bytes"/> counts since the last report.</summary>
    BytesDownloaded,
}
