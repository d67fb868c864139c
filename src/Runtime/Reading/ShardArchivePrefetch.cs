namespace S3Exchange;

/// <summary>
/// A shard archive of a manifest being fetched and decompressed ahead of its reader
/// (<see cref="ManifestObjectReader"/>): its GET is sent, and its body decompressed on a
/// background task into a bounded queue (<see cref="DecompressedArchiveStream"/>), while the
/// current archive is read, so iteration pays neither a round trip per archive nor the
/// decompression of the next one on the caller's core. One ahead at most. A prefetch that is
/// never opened (the enumeration stopped early, failed or was cancelled) is disposed: its
/// request or decompression is cancelled, its chunks returned and its response disposed,
/// which releases the connection.
/// </summary>
internal sealed class ShardArchivePrefetch : IAsyncDisposable
{
    private readonly DecompressedArchiveStream archive;
    private bool opened;

    private ShardArchivePrefetch(ObjectStorage storage, ShardEntry shard, CancellationToken cancellationToken)
    {
        Shard = shard;
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        archive = DecompressedArchiveStream.Start(shard, storage.GetAsync(shard.ArchiveKey, null, stopping.Token), stopping);
    }

    /// <summary>The shard whose archive is being fetched.</summary>
    public ShardEntry Shard { get; }

    /// <summary>Sends the archive's GET now; null for an archive the reader refuses without a request (xz).</summary>
    public static ShardArchivePrefetch? Start(ObjectStorage storage, ShardEntry shard, CancellationToken cancellationToken) =>
        ShardMemberReader.CanDecode(shard) ? new ShardArchivePrefetch(storage, shard, cancellationToken) : null;

    /// <summary>
    /// Reads the archive from the prefetched response, failing as <see cref="ShardMemberReader.OpenAsync(ObjectStorage, ShardEntry, CancellationToken)"/>
    /// would have (a missing archive is a <see cref="ShardReadException"/>). The archive is the reader's from here.
    /// </summary>
    public Task<ShardMemberReader> OpenAsync()
    {
        opened = true;
        return ShardMemberReader.OpenAsync(Shard, archive);
    }

    public async ValueTask DisposeAsync()
    {
        if (!opened)
        {
            opened = true;
            await archive.DisposeAsync().ConfigureAwait(false);
        }
    }
}
