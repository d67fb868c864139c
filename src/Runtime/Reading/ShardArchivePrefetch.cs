using Amazon.S3.Model;

namespace S3Exchange;

/// <summary>
/// The GET of the next shard archive of a manifest, sent while the current one is read
/// (<see cref="ManifestObjectReader"/>), so that its response has arrived, and the first bytes
/// of its body wait in the connection's buffers, when the reader gets to it: iteration then
/// does not pay one round trip and the server's time to first byte per archive. One ahead at
/// most. A prefetch that is never opened (the enumeration stopped early, failed or was
/// cancelled) is disposed: its request is cancelled, or its response disposed unread, which
/// releases the connection.
/// </summary>
internal sealed class ShardArchivePrefetch : IAsyncDisposable
{
    private readonly CancellationTokenSource cancellation;
    private readonly Task<GetObjectResponse> response;
    private bool opened;

    private ShardArchivePrefetch(ObjectStorage storage, ShardEntry shard, CancellationToken cancellationToken)
    {
        Shard = shard;
        cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        response = storage.GetAsync(shard.ArchiveKey, null, cancellation.Token);
    }

    /// <summary>The shard whose archive is being fetched.</summary>
    public ShardEntry Shard { get; }

    /// <summary>Sends the archive's GET now; null for an archive the reader refuses without a request (xz).</summary>
    public static ShardArchivePrefetch? Start(ObjectStorage storage, ShardEntry shard, CancellationToken cancellationToken) =>
        ShardMemberReader.CanDecode(shard) ? new ShardArchivePrefetch(storage, shard, cancellationToken) : null;

    /// <summary>
    /// Reads the archive from the prefetched response, failing as <see cref="ShardMemberReader.OpenAsync(ObjectStorage, ShardEntry, CancellationToken)"/>
    /// would have (a missing archive is a <see cref="ShardReadException"/>). The response is the reader's from here.
    /// </summary>
    public Task<ShardMemberReader> OpenAsync()
    {
        opened = true;
        return ShardMemberReader.OpenAsync(Shard, ResponseAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (opened)
        {
            return;
        }

        opened = true;
        await cancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            (await response.ConfigureAwait(false)).Dispose();
        }
        catch (Exception)
        {
            // Cancelled just now, or failed: an archive nobody reads has no error to report.
        }

        cancellation.Dispose();
    }

    private async Task<GetObjectResponse> ResponseAsync()
    {
        try
        {
            return await response.ConfigureAwait(false);
        }
        finally
        {
            // The token served the request only; reading the body takes the reader's own.
            cancellation.Dispose();
        }
    }
}
