namespace S3Exchange;

/// <summary>
/// The members of a shard archive without their data. Plain tar archives are indexed with
/// ranged reads of their head; compressed ones are streamed only up to the end of their
/// internal manifest, their first member.
/// </summary>
internal sealed class ShardMemberLister(ObjectStorage storage, ShardIndexCache indexes)
{
    /// <exception cref="ShardReadException">The archive does not exist or cannot be read.</exception>
    public async Task<IReadOnlyList<FileEntry>> ListAsync(ShardEntry shard, CancellationToken cancellationToken)
    {
        if (shard.EffectiveCompression == ShardCompression.None)
        {
            var index = await indexes.GetAsync(shard.ArchiveKey, shard.InternalManifestPath ?? ShardEntry.DefaultInternalManifestPath, cancellationToken).ConfigureAwait(false);
            if (index is not null)
            {
                return index.Members.Select(m => WithArchive(m, shard.ArchiveKey)).ToList();
            }
        }

        var reader = await ShardMemberReader.OpenAsync(storage, shard, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ListMembersAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The index's entry pointed at this archive (which may have been copied since it was written).
    internal static FileEntry WithArchive(FileEntry member, string archiveKey)
    {
        var copy = member.Clone();
        copy.ArchiveKey = archiveKey;
        copy.Key = VirtualKey.Compose(archiveKey, member.MemberPath!);
        return copy;
    }
}
