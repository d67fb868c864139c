using System.Text.Json.Nodes;

namespace S3Exchange;

/// <summary>What to record with an object put by <see cref="S3ExchangeStore.PutObjectAsync(string, ReadOnlyMemory{byte}, PutObjectOptions?, CancellationToken)"/>.</summary>
public sealed record PutObjectOptions
{
    /// <summary>The entry's id; inferred from the key when null and the store infers ids.</summary>
    public string? Id { get; init; }

    /// <summary>Free-form metadata for the entry.</summary>
    public JsonObject? Meta { get; init; }

    /// <summary>The object's content type (stored with the object and in the entry).</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Told as the upload goes: each part of a multipart upload (<see cref="TransferStep.PartUploaded"/>,
    /// with the part count and <see cref="TransferProgress.TotalBytes"/> when the length is known),
    /// or the one PutObject (<see cref="TransferStep.FileUploaded"/>).
    /// </summary>
    public IProgress<TransferProgress>? Progress { get; init; }
}
