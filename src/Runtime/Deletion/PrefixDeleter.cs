using System.Text.RegularExpressions;

namespace S3Exchange;

/// <summary>
/// Deletes listed keys in batches while the listing goes on (the Python <c>delete_prefix</c>):
/// one batch is deleted while the next page is listed, so the two round trips overlap.
/// Listing after keys that are being deleted is safe: the continuation token is a key.
/// </summary>
internal sealed class PrefixDeleter(DeleteMany deleteMany, int batchSize = ObjectStorage.DeleteBatchSize)
{
    /// <param name="keys">The keys under the prefix, as they are listed.</param>
    /// <param name="filter">Which keys go (all when null).</param>
    /// <param name="prefix">The prefix, for the error message.</param>
    /// <param name="cancellationToken">Cancels listing and deleting.</param>
    /// <returns>How many keys were deleted.</returns>
    /// <exception cref="AggregateException">The server refused some keys; nothing else is left undone.</exception>
    public async Task<int> DeleteAsync(IAsyncEnumerable<string> keys, Regex? filter, string prefix, CancellationToken cancellationToken)
    {
        var batch = new List<string>(batchSize);
        var deleted = 0;
        var failures = new List<Exception>();
        Task<int>? pending = null;
        try
        {
            await foreach (var key in keys.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (filter is null || filter.IsMatch(key))
                {
                    batch.Add(key);
                }

                if (batch.Count == batchSize)
                {
                    deleted += pending is null ? 0 : await pending.ConfigureAwait(false);
                    pending = DeleteBatchAsync(batch, failures, cancellationToken);
                    batch = new List<string>(batchSize);
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
        deleted += await DeleteBatchAsync(batch, failures, cancellationToken).ConfigureAwait(false);
        return failures.Count == 0 ? deleted : throw new AggregateException($"Deleted {deleted} objects under '{prefix}'; {failures.Count} could not be deleted.", failures);
    }

    // Runs while the next page is listed; only one batch is ever in flight, so failures has one writer at a time.
    private async Task<int> DeleteBatchAsync(List<string> keys, List<Exception> failures, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        var errors = await deleteMany(keys, cancellationToken).ConfigureAwait(false);
        failures.AddRange(errors.Select(e => new S3ExchangeException($"Could not delete '{e.Key}': {e.Value}")));
        return keys.Count - errors.Count;
    }
}
