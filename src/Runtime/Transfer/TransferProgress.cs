namespace S3Exchange;

/// <summary>What a publish or fetch has just done, reported once per shard or file through an <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">What happened.</param>
/// <param name="Key">The full bucket key of the shard archive or object.</param>
/// <param name="Path">The file's path below the folder ('/'-separated), or null for a whole shard.</param>
/// <param name="Files">The files the step covered (a shard's members, or 1).</param>
/// <param name="Bytes">The bytes the step moved: sent for an upload, written for a fetch, 0 when already stored.</param>
/// <param name="Completed">Units (shards and loose files for a publish; files for a fetch) done so far, this one included.</param>
/// <param name="Total">Units in the whole operation.</param>
/// <param name="Elapsed">How long the step took.</param>
public sealed record TransferProgress(TransferStep Step, string Key, string? Path, int Files, long Bytes, int Completed, int Total, TimeSpan Elapsed);

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
}
