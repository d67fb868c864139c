using Microsoft.Extensions.Logging;

namespace S3Exchange;

/// <summary>
/// Every message the store logs, with its event id: the one table of them (docs/observability.md
/// lists the same). Source-generated, so a disabled level costs one check and no formatting.
/// Category: <c>S3Exchange</c>.
/// </summary>
internal static partial class S3ExchangeLog
{
    /// <summary>The logger category of every message.</summary>
    public const string Category = "S3Exchange";

    [LoggerMessage(EventId = 1, EventName = "ConditionalWritesDetected", Level = LogLevel.Warning, Message = "Conditional writes on bucket {Bucket}: {Behaviour}")]
    public static partial void ConditionalWritesDetected(ILogger logger, string bucket, string behaviour);

    [LoggerMessage(EventId = 2, EventName = "ManifestAppendConflict", Level = LogLevel.Information, Message = "Append of part {PartKey} to {RootKey}: another writer changed the root; attempt {Attempt} of {MaxAttempts} retries")]
    public static partial void ManifestAppendConflict(ILogger logger, string partKey, string rootKey, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 3, EventName = "ManifestAppendRepaired", Level = LogLevel.Warning, Message = "Append of part {PartKey} to {RootKey} was overwritten by another writer; appending again (attempt {Attempt} of {MaxAttempts})")]
    public static partial void ManifestAppendRepaired(ILogger logger, string partKey, string rootKey, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 4, EventName = "ShardSkipped", Level = LogLevel.Warning, Message = "Skipped the unreadable shard {ArchiveKey}: {Reason}")]
    public static partial void ShardSkipped(ILogger logger, string archiveKey, string reason);

    /// <summary><paramref name="record"/>, logging each skipped shard first.</summary>
    public static Action<ShardReadException> LogSkipped(ILogger logger, Action<ShardReadException> record) => skipped =>
    {
        ShardSkipped(logger, skipped.ArchiveKey, skipped.Message);
        record(skipped);
    };

    [LoggerMessage(EventId = 5, EventName = "MultipartUploadAborted", Level = LogLevel.Information, Message = "Aborted the multipart upload of {Key} (upload id {UploadId}) after {Parts} parts")]
    public static partial void MultipartUploadAborted(ILogger logger, string key, string uploadId, int parts);

    [LoggerMessage(EventId = 6, EventName = "MultipartAbortFailed", Level = LogLevel.Warning, Message = "Could not abort the multipart upload of {Key} (upload id {UploadId}); a lifecycle rule for incomplete uploads removes its parts")]
    public static partial void MultipartAbortFailed(ILogger logger, Exception exception, string key, string uploadId);

    [LoggerMessage(EventId = 7, EventName = "UnreferencedPartDeleted", Level = LogLevel.Debug, Message = "Deleted part {PartKey}: its append to {RootKey} failed, so no reader can meet it")]
    public static partial void UnreferencedPartDeleted(ILogger logger, string partKey, string rootKey);

    [LoggerMessage(EventId = 8, EventName = "HashCacheUnusable", Level = LogLevel.Debug, Message = "{Problem}")]
    public static partial void HashCacheUnusable(ILogger logger, string problem);
}
