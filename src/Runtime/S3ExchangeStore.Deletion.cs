using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace S3Exchange;

public sealed partial class S3ExchangeStore
{
    /// <summary>Deletes one object (the Python <c>delete_key</c>); deleting a missing key succeeds.</summary>
    public Task DeleteKeyAsync(string key, CancellationToken cancellationToken = default) =>
        storage.DeleteAsync(ResolveKey(key), cancellationToken);

    /// <summary>
    /// Deletes every object under <paramref name="prefix"/> whose full key matches
    /// <paramref name="filter"/> (all when null), in batches of 1,000 (the Python
    /// <c>delete_prefix</c>). Returns how many were deleted.
    /// </summary>
    /// <exception cref="AggregateException">The server refused some keys; nothing else is left undone.</exception>
    public async Task<int> DeletePrefixAsync(string prefix, Regex? filter = null, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>(ObjectStorage.DeleteBatchSize);
        var deleted = 0;
        var failures = new List<Exception>();

        // One batch is deleted while the next page is listed, so the two round trips overlap;
        // listing after keys that are being deleted is safe, the continuation token is a key.
        Task<int>? pending = null;
        try
        {
            await foreach (var key in ListKeysAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                if (filter is null || filter.IsMatch(key))
                {
                    keys.Add(key);
                }

                if (keys.Count == ObjectStorage.DeleteBatchSize)
                {
                    deleted += pending is null ? 0 : await pending.ConfigureAwait(false);
                    pending = DeleteBatchAsync(keys, failures, cancellationToken);
                    keys = new List<string>(ObjectStorage.DeleteBatchSize);
                }
            }
        }
        catch when (pending is not null)
        {
            // The listing failed: let the batch in flight finish before reporting, so nothing
            // is still deleting after the caller has seen the error.
            await pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        deleted += pending is null ? 0 : await pending.ConfigureAwait(false);
        deleted += await DeleteBatchAsync(keys, failures, cancellationToken).ConfigureAwait(false);
        return failures.Count == 0 ? deleted : throw new AggregateException($"Deleted {deleted} objects under '{prefix}'; {failures.Count} could not be deleted.", failures);
    }

    /// <summary>
    /// Deletes what a manifest references (the Python <c>delete_manifest</c>): loose objects and
    /// shard archives, then, with <paramref name="deleteManifests"/>, the root and every part
    /// file (which the reference left behind). Manifests go last, so a failed run can be retried.
    /// With <paramref name="dedupe"/> false, an object named by several entries is counted
    /// once per entry (each key is still sent once).
    /// </summary>
    public async Task<DeleteReport> DeleteManifestAsync(string manifestKey, bool deleteManifests = true, bool dedupe = true, CancellationToken cancellationToken = default)
    {
        var inventory = await ManifestInventory.CollectAsync(manifestReader, ResolveKey(manifestKey), dedupe, cancellationToken).ConfigureAwait(false);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var objects = await DeleteAllAsync(inventory.Objects, errors, cancellationToken).ConfigureAwait(false);
        var archives = await DeleteAllAsync(inventory.Archives, errors, cancellationToken).ConfigureAwait(false);

        // A manifest whose data could not all be deleted is kept, so the delete can be retried.
        var manifests = deleteManifests && errors.Count == 0
            ? await DeleteAllAsync(Enumerable.Reverse(inventory.Manifests).ToList(), errors, cancellationToken).ConfigureAwait(false)
            : 0;
        return new DeleteReport
        {
            DeletedObjectCount = objects,
            DeletedArchiveCount = archives,
            DeletedManifestCount = manifests,
            Errors = errors,
        };
    }

    /// <summary>Every full key under <paramref name="prefix"/>, page by page (the Python <c>list_keys</c>).</summary>
    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in storage.ListAsync(ResolvePrefix(prefix), cancellationToken).ConfigureAwait(false))
        {
            yield return item.Key;
        }
    }

    // Runs while the next page is listed; only one batch is ever in flight, so failures has one writer at a time.
    private async Task<int> DeleteBatchAsync(List<string> keys, List<Exception> failures, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        var errors = await storage.DeleteManyAsync(keys, cancellationToken).ConfigureAwait(false);
        failures.AddRange(errors.Select(e => new S3ExchangeException($"Could not delete '{e.Key}': {e.Value}")));
        return keys.Count - errors.Count;
    }

    private async Task<int> DeleteAllAsync(List<string> keys, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var refused = await storage.DeleteManyAsync(keys.Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var (key, message) in refused)
        {
            errors[key] = message;
        }

        return keys.Count(k => !refused.ContainsKey(k));
    }
}
