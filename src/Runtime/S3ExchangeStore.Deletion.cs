using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace S3Exchange;

public sealed partial class S3ExchangeStore
{
    /// <summary>Deletes one object (the Python <c>delete_key</c>); deleting a missing key succeeds.</summary>
    public Task DeleteKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(key);
        return S3ExchangeTelemetry.TraceAsync("DeleteKey", Bucket, fullKey, () => storage.DeleteAsync(fullKey, cancellationToken));
    }

    /// <summary>
    /// Deletes every object under <paramref name="prefix"/> whose full key matches
    /// <paramref name="filter"/> (all when null), in batches of 1,000 (the Python
    /// <c>delete_prefix</c>). Returns how many were deleted.
    /// </summary>
    /// <exception cref="AggregateException">The server refused some keys; nothing else is left undone.</exception>
    public Task<int> DeletePrefixAsync(string prefix, Regex? filter = null, CancellationToken cancellationToken = default) =>
        S3ExchangeTelemetry.TraceAsync("DeletePrefix", Bucket, ResolvePrefix(prefix), () =>
            new PrefixDeleter(storage.DeleteManyAsync).DeleteAsync(ListKeysAsync(prefix, cancellationToken), filter, prefix, cancellationToken));

    /// <summary>
    /// Deletes what a manifest references (the Python <c>delete_manifest</c>): loose objects and
    /// shard archives, then, with <paramref name="deleteManifests"/>, the root and every part
    /// file (which the reference left behind). Manifests go last, so a failed run can be retried.
    /// With <paramref name="dedupe"/> false, an object named by several entries is counted
    /// once per entry (each key is still sent once).
    /// </summary>
    public Task<DeleteReport> DeleteManifestAsync(string manifestKey, bool deleteManifests = true, bool dedupe = true, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(manifestKey);
        return S3ExchangeTelemetry.TraceAsync("DeleteManifest", Bucket, fullKey, () => manifestDeleter.DeleteAsync(fullKey, deleteManifests, dedupe, cancellationToken));
    }

    /// <summary>Every full key under <paramref name="prefix"/>, page by page (the Python <c>list_keys</c>).</summary>
    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in storage.ListAsync(ResolvePrefix(prefix), cancellationToken).ConfigureAwait(false))
        {
            yield return item.Key;
        }
    }
}
