namespace S3Exchange;

/// <summary>Opens objects for reading by full key or by entry: loose objects with one GET, shard members through <see cref="ShardMemberOpener"/>.</summary>
internal sealed class ObjectOpener(ObjectStorage storage, ShardMemberOpener members)
{
    /// <summary>
    /// Opens the object at a full key. A virtual key <c>archive#member</c> opens that member of
    /// a shard archive; when no such archive exists, the key is tried as a plain object key.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">Neither the object nor the member exists.</exception>
    public async Task<Stream> OpenKeyAsync(string fullKey, CancellationToken cancellationToken)
    {
        if (VirtualKey.TryParse(fullKey, out var virtualKey))
        {
            try
            {
                return await members.OpenAsync(ArchiveOf(virtualKey.ArchiveKey), virtualKey.MemberPath, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ShardReadException ex) when (ex.InnerException is ObjectNotFoundException)
            {
                // No archive of that name: the '#' belongs to a plain key.
            }
        }

        return await OpenLooseAsync(fullKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the object an entry names: a loose object by its key, or a shard member (one
    /// ranged GET when the entry records the member's offset in a plain tar archive).
    /// </summary>
    public Task<Stream> OpenAsync(FileEntry entry, CancellationToken cancellationToken)
    {
        if (entry is { ArchiveKey: { } archiveKey, MemberPath: { } memberPath })
        {
            return members.OpenAsync(ArchiveOf(archiveKey), memberPath, entry, cancellationToken);
        }

        return OpenLooseAsync(entry.Key, cancellationToken);
    }

    // The archive as far as a key says: its compression comes from the key's extension.
    private static ShardEntry ArchiveOf(string archiveKey) => new(archiveKey) { Compression = null };

    private async Task<Stream> OpenLooseAsync(string fullKey, CancellationToken cancellationToken)
    {
        var response = await storage.GetAsync(fullKey, null, cancellationToken).ConfigureAwait(false);
        return response.ResponseStream;
    }
}
