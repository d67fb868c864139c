using System.Collections.Concurrent;
using Amazon.S3.Model;

namespace S3Exchange;

/// <summary>
/// Internal manifests of plain tar archives, read with ranged GETs of the archive's head and
/// kept per archive so that reading a member by its virtual key is one ranged GET. Reads of
/// members send the ETag the index was read at; a changed archive answers 412 and the index
/// is read again.
/// </summary>
internal sealed class ShardIndexCache(ObjectStorage storage)
{
    private const int MaxArchives = 256;
    private const int HeadBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, ShardIndex?> cache = new(StringComparer.Ordinal);

    /// <summary>The archive's index, or null when its first member is not an internal manifest.</summary>
    public async Task<ShardIndex?> GetAsync(string archiveKey, string internalManifestPath, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(archiveKey, out var cached))
        {
            return cached;
        }

        var index = await LoadAsync(archiveKey, internalManifestPath, cancellationToken).ConfigureAwait(false);
        if (cache.Count >= MaxArchives)
        {
            cache.Clear();
        }

        cache[archiveKey] = index;
        return index;
    }

    public void Invalidate(string archiveKey) => cache.TryRemove(archiveKey, out _);

    private async Task<ShardIndex?> LoadAsync(string archiveKey, string internalManifestPath, CancellationToken cancellationToken)
    {
        var (head, etag) = await ReadRangeAsync(archiveKey, 0, HeadBytes, cancellationToken).ConfigureAwait(false);
        string name;
        long size;
        long dataOffset;
        try
        {
            if (!TarFormat.TryReadFirstHeader(head, out name, out size, out dataOffset))
            {
                return null;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ShardReadException(archiveKey, ex.Message, ex);
        }

        if (name != internalManifestPath)
        {
            return null;
        }

        // A head shorter than asked for is the whole archive: there is nothing more to read
        // (a range past the end would be answered 416).
        var end = dataOffset + size;
        if (end > head.Length && head.Length == HeadBytes)
        {
            var (rest, _) = await ReadRangeAsync(archiveKey, head.Length, (int)(end - head.Length), cancellationToken).ConfigureAwait(false);
            head = [.. head, .. rest];
        }

        if (end > head.Length)
        {
            throw new ShardReadException(archiveKey, $"the archive ends inside its internal manifest '{internalManifestPath}'.");
        }

        var members = ManifestLines.Parse(head.AsSpan((int)dataOffset, (int)size), VirtualKey.Compose(archiveKey, internalManifestPath))
            .OfType<FileEntry>()
            .ToList();
        return new ShardIndex(etag, members);
    }

    private async Task<(byte[] Content, string? ETag)> ReadRangeAsync(string archiveKey, long start, int length, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.ReadBytesAsync(archiveKey, new ByteRange(start, start + length - 1), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException ex)
        {
            throw new ShardReadException(archiveKey, "the archive does not exist.", ex);
        }
    }
}
