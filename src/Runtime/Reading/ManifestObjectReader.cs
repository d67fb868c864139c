using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>
/// The objects of a manifest with their content (the Python <c>iter_objects</c>): loose
/// objects opened one by one, shard archives streamed member by member. Each object is
/// disposed when the next one is asked for.
/// </summary>
internal sealed class ManifestObjectReader(ObjectStorage storage, ManifestReader manifests, ObjectOpener objects)
{
    /// <param name="skipped">Records a shard that could not be read, when <see cref="ReadObjectsOptions.SkipUnreadableShards"/> lets it be skipped.</param>
    /// <param name="manifestKey">The manifest's full key.</param>
    /// <param name="options">Whether shards are expanded, and whether unreadable ones are skipped.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async IAsyncEnumerable<ExchangeObject> ReadAsync(Action<ShardReadException> skipped, string manifestKey, ReadObjectsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        skipped = S3ExchangeLog.LogSkipped(storage.Logger, skipped);
        await foreach (var entry in manifests.ReadAsync(manifestKey, true, null, cancellationToken).ConfigureAwait(false))
        {
            if (entry is FileEntry file)
            {
                var item = new ExchangeObject(file, await objects.OpenAsync(file, cancellationToken).ConfigureAwait(false));
                await using (item.ConfigureAwait(false))
                {
                    yield return item;
                }

                continue;
            }

            if (entry is not ShardEntry shard || !options.ExpandShards)
            {
                continue;
            }

            ShardMemberReader reader;
            try
            {
                reader = await ShardMemberReader.OpenAsync(storage, shard, cancellationToken).ConfigureAwait(false);
            }
            catch (ShardReadException ex) when (options.SkipUnreadableShards)
            {
                skipped(ex);
                continue;
            }

            await using (reader.ConfigureAwait(false))
            {
                while (await NextMemberAsync(reader, skipped, options, cancellationToken).ConfigureAwait(false) is { } member)
                {
                    await using (member.ConfigureAwait(false))
                    {
                        yield return member;
                    }
                }
            }
        }
    }

    // The next member, or null at the end of the archive or when the archive fails and may be skipped.
    private static async ValueTask<ExchangeObject?> NextMemberAsync(ShardMemberReader reader, Action<ShardReadException> skipped, ReadObjectsOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.NextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ShardReadException ex) when (options.SkipUnreadableShards)
        {
            skipped(ex);
            return null;
        }
    }
}
