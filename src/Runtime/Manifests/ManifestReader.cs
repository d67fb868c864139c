using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Exchange;

/// <summary>
/// Reads a manifest's entries as they stream in, resolving <c>manifest_ref</c> entries depth
/// first, in order; a manifest already visited in the same walk is skipped, so cycles end.
/// </summary>
/// <remarks>
/// The walk is one loop over one manifest at a time with a stack of the manifests set aside
/// at a reference, not nested enumerators: each entry is yielded once, whatever its depth.
/// When the reference is a manifest's last line nothing of it is kept (a chain of references
/// holds nothing per level but the visited key); when at most <see cref="KeptRestLimit"/>
/// bytes follow it, they are read and kept, and the response closed. Otherwise the first
/// <see cref="HeldOpenLimit"/> manifests set aside stay open, so that the usual root, one
/// reference per appended part, is read in one pass; any more are closed and remembered as the
/// offset and line number after the reference and the ETag, and read on later with a ranged
/// GET conditional on that ETag. Open responses and memory thus do not grow with depth.
/// </remarks>
internal sealed class ManifestReader(ObjectStorage storage, int maxDepth)
{
    /// <summary>How many manifests set aside at a reference stay open at most.</summary>
    internal const int HeldOpenLimit = 4;

    /// <summary>A manifest set aside with at most this many bytes after the reference keeps them instead.</summary>
    internal const int KeptRestLimit = 1024;

    /// <param name="rootKey">The manifest's bucket key.</param>
    /// <param name="resolveRefs">Replace references by the entries they point to (true) or yield them as they are.</param>
    /// <param name="onManifest">Called with the key of each manifest read (root and parts), before its entries.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ManifestNotFoundException">The root or a referenced manifest does not exist.</exception>
    /// <exception cref="ManifestDepthExceededException">References nest deeper than the store's limit.</exception>
    /// <exception cref="ManifestChangedException">A manifest set aside at a reference changed before it was read on.</exception>
    public IAsyncEnumerable<ManifestEntry> ReadAsync(string rootKey, bool resolveRefs, Action<string>? onManifest, CancellationToken cancellationToken) =>
        WalkAsync(rootKey, resolveRefs, onManifest, null, cancellationToken);

    /// <summary>
    /// <see cref="ReadAsync"/> with references resolved, <paramref name="rootDigest"/> taking the
    /// root manifest's bytes as they are read: once every entry was enumerated, it has had the
    /// whole root, in order (the root is never closed and read on by a ranged GET: it is the first
    /// manifest set aside, so it is always one of those held open or kept in memory).
    /// </summary>
    public IAsyncEnumerable<ManifestEntry> ReadHashingRootAsync(string rootKey, IncrementalHash rootDigest, CancellationToken cancellationToken) =>
        WalkAsync(rootKey, true, null, rootDigest, cancellationToken);

    /// <summary>Reads a whole manifest into memory, refs not resolved, with its ETag; null when it does not exist.</summary>
    public async Task<(List<ManifestEntry> Entries, byte[] Content, string? ETag)?> TryReadAllAsync(string key, CancellationToken cancellationToken)
    {
        if (await storage.TryReadAllAsync(key, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        return (ManifestLines.Parse(found.Content, key), found.Content, found.ETag);
    }

    private async IAsyncEnumerable<ManifestEntry> WalkAsync(
        string rootKey,
        bool resolveRefs,
        Action<string>? onManifest,
        IncrementalHash? rootDigest,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootKey };
        var setAside = new Stack<Manifest>();
        var heldOpen = 0;
        Manifest? current = null;
        try
        {
            current = await OpenAsync(rootKey, 0, onManifest, rootDigest, cancellationToken).ConfigureAwait(false);
            while (current is not null)
            {
                ManifestRefEntry? reference = null;
                while (await current.Lines.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (resolveRefs && entry is ManifestRefEntry found)
                    {
                        if (visited.Add(found.Key))
                        {
                            reference = found;
                            break;
                        }

                        continue;
                    }

                    yield return entry;
                }

                var finished = current;
                current = null;
                if (reference is null)
                {
                    finished.Dispose();
                    if (setAside.TryPop(out var parent))
                    {
                        if (parent.IsOpen)
                        {
                            heldOpen--;
                        }
                        else
                        {
                            await parent.ReopenAsync(storage, cancellationToken).ConfigureAwait(false);
                        }

                        current = parent;
                    }

                    continue;
                }

                if (finished.Depth >= maxDepth)
                {
                    finished.Dispose();
                    throw new ManifestDepthExceededException(rootKey, maxDepth, reference.Key);
                }

                if (finished.RestBytes == 0)
                {
                    finished.Dispose();
                }
                else
                {
                    setAside.Push(finished);
                    if (finished.RestBytes <= KeptRestLimit)
                    {
                        await finished.CloseKeepingRestAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else if (heldOpen < HeldOpenLimit)
                    {
                        heldOpen++;
                    }
                    else
                    {
                        finished.Close();
                    }
                }

                current = await OpenAsync(reference.Key, finished.Depth + 1, onManifest, null, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            current?.Dispose();
            while (setAside.TryPop(out var left))
            {
                left.Dispose();
            }
        }
    }

    private async Task<Manifest> OpenAsync(string key, int depth, Action<string>? onManifest, IncrementalHash? digest, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await storage.GetAsync(key, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException ex) when (ex is not ManifestNotFoundException)
        {
            throw new ManifestNotFoundException(key, ex);
        }

        var manifest = new Manifest(key, depth, response.ContentLength, ETags.Unquote(response.ETag));
        manifest.Attach(response, 0, 0, digest);
        try
        {
            onManifest?.Invoke(key);
        }
        catch
        {
            manifest.Dispose();
            throw;
        }

        return manifest;
    }

    /// <summary>
    /// A manifest being read: open (a response and its line reader), or closed at a line
    /// boundary to be read on from there, with or without the rest of its bytes.
    /// </summary>
    private sealed class Manifest(string key, int depth, long length, string? etag) : IDisposable
    {
        private GetObjectResponse? response;
        private ManifestLineReader? lines;
        private long offset;
        private int lineNumber;
        private byte[]? rest;

        /// <summary>0 for the root, 1 for the manifests it references, …</summary>
        public int Depth => depth;

        public bool IsOpen => lines is not null;

        public ManifestLineReader Lines => lines ?? throw new InvalidOperationException($"Manifest '{key}' is not open.");

        /// <summary>How many bytes follow the last line read.</summary>
        public long RestBytes => Math.Max(0, length - Lines.Offset);

        public void Attach(GetObjectResponse opened, long at, int linesBefore, IncrementalHash? digest = null)
        {
            response = opened;
            lines = new ManifestLineReader(opened.ResponseStream, key, at, linesBefore, digest);
        }

        /// <summary>Closes the response, remembering where the next line starts.</summary>
        public void Close()
        {
            offset = Lines.Offset;
            lineNumber = Lines.LineNumber;
            Dispose();
        }

        /// <summary>Reads the (small) rest of the manifest into memory and closes the response.</summary>
        public async Task CloseKeepingRestAsync(CancellationToken cancellationToken)
        {
            var kept = await Lines.ReadRestAsync((int)RestBytes, cancellationToken).ConfigureAwait(false);
            Close();
            rest = kept;
        }

        /// <summary>
        /// Reads on from where it was closed: from the kept rest, or with a ranged GET if the
        /// manifest is still the version read so far.
        /// </summary>
        /// <exception cref="ManifestChangedException">It was rewritten or deleted since.</exception>
        public async Task ReopenAsync(ObjectStorage storage, CancellationToken cancellationToken)
        {
            if (rest is { } kept)
            {
                rest = null;
                lines = new ManifestLineReader(new MemoryStream(kept, writable: false), key, offset, lineNumber);
                return;
            }

            GetObjectResponse ranged;
            try
            {
                ranged = await storage.GetAsync(key, new ByteRange(offset, length - 1), cancellationToken, etag).ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex) when (S3ErrorTranslation.IsPreconditionFailed(ex))
            {
                throw new ManifestChangedException(key, ex);
            }
            catch (ObjectNotFoundException ex)
            {
                throw new ManifestChangedException(key, ex);
            }

            Attach(ranged, offset, lineNumber);
        }

        public void Dispose()
        {
            lines?.Dispose();
            lines = null;
            response?.Dispose();
            response = null;
        }
    }
}
