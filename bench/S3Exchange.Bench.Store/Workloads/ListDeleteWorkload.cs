using Amazon.S3.Model;

namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// Listing every key under a prefix and then deleting them by prefix: the store's
/// <c>ListKeysAsync</c> and <c>DeletePrefixAsync</c> against ListObjectsV2 pages and
/// DeleteObjects batches of 1,000. The keys are put beforehand, untimed.
/// </summary>
internal sealed class ListDeleteWorkload(BenchServer server, BenchSettings settings) : Workload(server, settings)
{
    public override string Name => "list-delete";

    private int Count => Settings.Scaled(10_000, 100);

    protected override string Target => "≤ 1.10";

    protected override string Note => "keys put beforehand (untimed); both list all pages, then list+delete in batches of 1,000";

    protected override string Describe() => $"list {Count:N0} keys, then delete them by prefix";

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var prefix = await PutKeysAsync().ConfigureAwait(false);
        var store = Server.CreateStore(prefix, Settings.MaxConcurrency);
        var listed = 0;
        var deleted = 0;
        var measured = await Measurement.TakeAsync(async () =>
        {
            await foreach (var key in store.ListKeysAsync("keys/").ConfigureAwait(false))
            {
                listed++;
            }

            deleted = await store.DeletePrefixAsync("keys/").ConfigureAwait(false);
        }).ConfigureAwait(false);
        Check.Equal((Count, Count), (listed, deleted), "keys listed and deleted");
        return measured;
    }

    protected override async Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var prefix = await PutKeysAsync().ConfigureAwait(false);
        var listed = 0;
        var measured = await Measurement.TakeAsync(async () =>
        {
            var request = new ListObjectsV2Request { BucketName = Server.Bucket, Prefix = prefix + "/keys/" };
            do
            {
                var page = await Server.Client.ListObjectsV2Async(request).ConfigureAwait(false);
                listed += page.S3Objects?.Count ?? 0;
                request.ContinuationToken = page.NextContinuationToken;
            }
            while (request.ContinuationToken is not null);

            request.ContinuationToken = null;
            do
            {
                var page = await Server.Client.ListObjectsV2Async(request).ConfigureAwait(false);
                if (page.S3Objects is { Count: > 0 } objects)
                {
                    await Server.Client.DeleteObjectsAsync(new DeleteObjectsRequest
                    {
                        BucketName = Server.Bucket,
                        Objects = objects.Select(o => new KeyVersion { Key = o.Key }).ToList(),
                        Quiet = true,
                    }).ConfigureAwait(false);
                }

                request.ContinuationToken = page.NextContinuationToken;
            }
            while (request.ContinuationToken is not null);
        }).ConfigureAwait(false);
        Check.Equal(Count, listed, "keys listed");
        return measured;
    }

    // Tiny objects, many in flight: the set-up is request-bound, not byte-bound.
    private async Task<string> PutKeysAsync()
    {
        var prefix = BenchServer.NewPrefix(Name);
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            await Server.Client.PutObjectAsync(
                new PutObjectRequest { BucketName = Server.Bucket, Key = $"{prefix}/keys/{i:000000}", ContentBody = "x", UseChunkEncoding = false },
                token).ConfigureAwait(false)).ConfigureAwait(false);
        return prefix;
    }
}
