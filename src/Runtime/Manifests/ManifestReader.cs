using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>
/// Reads a manifest's entries as they stream in, resolving <c>manifest_ref</c> entries depth
/// first, in order; a manifest already visited in the same walk is skipped, so cycles end.
/// </summary>
internal sealed class ManifestReader(ObjectStorage storage)
{
    /// <param name="rootKey">The manifest's bucket key.</param>
    /// <param name="resolveRefs">Replace references by the entries they point to (true) or yield them as they are.</param>
    /// <param name="onManifest">Called with the key of each manifest read (root and parts), before its entries.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public IAsyncEnumerable<ManifestEntry> ReadAsync(string rootKey, bool resolveRefs, Action<string>? onManifest, CancellationToken cancellationToken)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootKey };
        return ReadOneAsync(rootKey, resolveRefs, visited, onManifest, cancellationToken);
    }

    /// <summary>Reads a whole manifest into memory, refs not resolved, with its ETag; null when it does not exist.</summary>
    public async Task<(List<ManifestEntry> Entries, byte[] Content, string? ETag)?> TryReadAllAsync(string key, CancellationToken cancellationToken)
    {
        if (await storage.TryReadAllAsync(key, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        return (ManifestLines.Parse(found.Content, key), found.Content, found.ETag);
    }

    private async IAsyncEnumerable<ManifestEntry> ReadOneAsync(
        string key,
        bool resolveRefs,
        HashSet<string> visited,
        Action<string>? onManifest,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Amazon.S3.Model.GetObjectResponse response;
        try
        {
            response = await storage.GetAsync(key, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException ex) when (ex is not ManifestNotFoundException)
        {
            throw new ManifestNotFoundException(key, ex);
        }

        onManifest?.Invoke(key);
        using (response)
        {
            await foreach (var entry in ManifestLines.ReadAsync(response.ResponseStream, key, cancellationToken).ConfigureAwait(false))
            {
                if (resolveRefs && entry is ManifestRefEntry reference)
                {
                    if (!visited.Add(reference.Key))
                    {
                        continue;
                    }

                    await foreach (var nested in ReadOneAsync(reference.Key, resolveRefs, visited, onManifest, cancellationToken).ConfigureAwait(false))
                    {
                        yield return nested;
                    }

                    continue;
                }

                yield return entry;
            }
        }
    }
}
