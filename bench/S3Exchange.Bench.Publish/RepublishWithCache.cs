using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>
/// Republishing an unchanged folder from scratch (a new process would: files listed, hashed or
/// looked up in the hash cache, planned, one HEAD per planned key, the manifest), without and
/// with the hash cache. Requests are counted at a <see cref="FaultProxy"/> in pass-through mode.
/// </summary>
internal static class RepublishWithCache
{
    /// <summary>Publishes the folder once (filling a fresh cache), then republishes it without and with the cache.</summary>
    public static async Task<(PublishCost WithoutCache, PublishCost WithCache)> RunAsync(S3ServerFixture server, string folder)
    {
        var cacheFile = Path.Combine(Path.GetTempPath(), "s3x-bench-hashes-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        await using var proxy = FaultProxy.Start(server.Endpoint);
        var store = S3ExchangeStore.Create(proxy.Redirect(server.Settings), server.CreateStore().Options);
        try
        {
            await PublishAsync(store, proxy, folder, cacheFile);
            return (await PublishAsync(store, proxy, folder, null), await PublishAsync(store, proxy, folder, cacheFile));
        }
        finally
        {
            File.Delete(cacheFile);
        }
    }

    private static Task<PublishCost> PublishAsync(S3ExchangeStore store, FaultProxy proxy, string folder, string? cacheFile) =>
        CountedPublish.RunAsync(store, proxy, new PublishRequest
        {
            Folder = folder,
            Files = PublishSource.FromFolder(folder),
            ManifestKey = "republish/manifest.jsonl",
            ContentPrefix = "republish/content",
            HashCacheFile = cacheFile,
        });
}
