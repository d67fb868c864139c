namespace S3Exchange;

/// <summary>
/// Deletes what a manifest references (the Python <c>delete_manifest</c>): loose objects and
/// shard archives, then, if asked, the root and every part file (which the reference left
/// behind). Manifests go last, and only when all their data went, so a failed run can be retried.
/// </summary>
internal sealed class ManifestDeleter(ManifestReader manifests, DeleteMany deleteMany)
{
    /// <param name="rootKey">The root manifest's full key.</param>
    /// <param name="deleteManifests">Delete the root and its part files too.</param>
    /// <param name="dedupe">Count an object named by several entries once (true) or once per entry; each key is sent once either way.</param>
    /// <param name="cancellationToken">Cancels reading and deleting.</param>
    public async Task<DeleteReport> DeleteAsync(string rootKey, bool deleteManifests, bool dedupe, CancellationToken cancellationToken)
    {
        var inventory = await ManifestInventory.CollectAsync(manifests, rootKey, dedupe, cancellationToken).ConfigureAwait(false);
        return await DeleteAsync(inventory, deleteManifests, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the keys of <paramref name="inventory"/>: objects, archives, then (if asked and nothing was refused) the manifests, last read first.</summary>
    internal async Task<DeleteReport> DeleteAsync(ManifestInventory inventory, bool deleteManifests, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var objects = await DeleteAllAsync(inventory.Objects, errors, cancellationToken).ConfigureAwait(false);
        var archives = await DeleteAllAsync(inventory.Archives, errors, cancellationToken).ConfigureAwait(false);

        // A manifest whose data could not all be deleted is kept, so the delete can be retried.
        var deletedManifests = deleteManifests && errors.Count == 0
            ? await DeleteAllAsync(Enumerable.Reverse(inventory.Manifests).ToList(), errors, cancellationToken).ConfigureAwait(false)
            : 0;
        return new DeleteReport
        {
            DeletedObjectCount = objects,
            DeletedArchiveCount = archives,
            DeletedManifestCount = deletedManifests,
            Errors = errors,
        };
    }

    // Counts every listed key that was not refused, so a key listed twice (dedupe off) counts twice.
    private async Task<int> DeleteAllAsync(List<string> keys, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var refused = await deleteMany(keys.Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var (key, message) in refused)
        {
            errors[key] = message;
        }

        return keys.Count(k => !refused.ContainsKey(k));
    }
}
