namespace S3Exchange;

/// <summary>How streamed uploads are cut into parts, and where their buffers come from.</summary>
/// <param name="PartSize">Bytes per multipart part; an upload no longer than this is one PutObject.</param>
/// <param name="MaxConcurrentParts">Parts in flight at once for one upload.</param>
/// <param name="Budget">The store-wide budget every part buffer is leased from.</param>
internal readonly record struct UploadSettings(int PartSize, int MaxConcurrentParts, BufferBudget Budget)
{
    /// <summary>S3's smallest part (except the last).</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;
}
