using Amazon.S3;
using Amazon.S3.Model;

namespace S3Exchange;

/// <summary>
/// Opens one member of a shard archive: for plain tar with a known data offset (from the
/// entry, or the archive's cached internal manifest), one ranged GET; otherwise the archive is
/// streamed up to the member and no further.
/// </summary>
internal sealed class ShardMemberOpener(ObjectStorage storage, ShardIndexCache indexes)
{
    /// <summary>How many ranged reads one open tries: the entry's own offset, then the index read again after the archive changed.</summary>
    internal const int RangedReadAttempts = 2;

    /// <param name="shard">The archive.</param>
    /// <param name="memberPath">The member's path inside it.</param>
    /// <param name="known">The member's entry when the caller has one (its offset saves reading the index).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ObjectNotFoundException">The archive has no such member.</exception>
    /// <exception cref="ShardReadException">The archive does not exist or cannot be read.</exception>
    public async Task<Stream> OpenAsync(ShardEntry shard, string memberPath, FileEntry? known, CancellationToken cancellationToken)
    {
        var virtualKey = VirtualKey.Compose(shard.ArchiveKey, memberPath);
        if (shard.EffectiveCompression == ShardCompression.None)
        {
            for (var attempt = 0; attempt < RangedReadAttempts; attempt++)
            {
                var index = NeedsIndex(known, attempt)
                    ? await indexes.GetAsync(shard.ArchiveKey, shard.InternalManifestPath ?? ShardEntry.DefaultInternalManifestPath, cancellationToken).ConfigureAwait(false)
                    : null;
                var member = index is null ? known : index.ByPath.GetValueOrDefault(memberPath);
                if (index is not null && member is null)
                {
                    throw new ObjectNotFoundException(virtualKey);
                }

                if (RangeOf(member) is not { } range)
                {
                    break;
                }

                if (range.Length == 0)
                {
                    return new MemoryStream([], writable: false);
                }

                try
                {
                    var response = await storage.GetAsync(shard.ArchiveKey, new ByteRange(range.Start, range.Start + range.Length - 1), cancellationToken, index?.ETag).ConfigureAwait(false);
                    return response.ResponseStream;
                }
                catch (AmazonS3Exception ex) when (S3ErrorTranslation.IsPreconditionFailed(ex))
                {
                    // The archive changed since its index was read: read the index again.
                    indexes.Invalidate(shard.ArchiveKey);
                }
                catch (ObjectNotFoundException ex)
                {
                    throw new ShardReadException(shard.ArchiveKey, "the archive does not exist.", ex);
                }
            }
        }

        var reader = await ShardMemberReader.OpenAsync(storage, shard, cancellationToken).ConfigureAwait(false);
        return await reader.OpenMemberAsync(memberPath, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(virtualKey);
    }

    /// <summary>
    /// Whether an attempt reads the archive's index: the first trusts an offset the caller's
    /// entry records, every later one (after a 412) reads the index again.
    /// </summary>
    internal static bool NeedsIndex(FileEntry? known, int attempt) => known?.DataOffset is null || attempt > 0;

    /// <summary>Where a member's bytes lie in a plain tar archive; null when its entry does not say.</summary>
    internal static (long Start, long Length)? RangeOf(FileEntry? member) =>
        member is { DataOffset: { } offset, SizeBytes: { } size } ? (offset, size) : null;
}
