using Amazon.S3.Model;

namespace S3Exchange.Build.Publishing;

/// <summary>
/// What is already stored under the content prefix: one paged listing instead of a HEAD per
/// shard. It is also the publish's first request, so a missing bucket, a refused credential or
/// an unreachable server fails here, before anything is uploaded.
/// </summary>
internal sealed class RemoteContentIndex
{
    private readonly Dictionary<string, long> sizes;

    private RemoteContentIndex(Dictionary<string, long> sizes)
    {
        this.sizes = sizes;
    }

    public int Count => sizes.Count;

    /// <summary>The stored size of the object at <paramref name="fullKey"/>, when it exists.</summary>
    public bool TryGetSize(string fullKey, out long size) => sizes.TryGetValue(fullKey, out size);

    public static async Task<RemoteContentIndex> LoadAsync(S3ExchangeStore store, string contentPrefix, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = store.Bucket, Prefix = store.ResolveKey(contentPrefix) + "/" };
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        while (true)
        {
            var response = await store.Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                sizes[item.Key] = item.Size ?? 0;
            }

            if (response.IsTruncated != true)
            {
                return new RemoteContentIndex(sizes);
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }
}
