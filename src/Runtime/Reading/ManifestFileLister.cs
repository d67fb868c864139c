using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace S3Exchange;

/// <summary>
/// The file entries of a manifest without their content (the Python <c>list_manifest_files</c>):
/// its own file entries, and with <see cref="ReadObjectsOptions.ExpandShards"/> each shard's
/// members, read from the archive's internal manifest.
/// </summary>
internal sealed class ManifestFileLister(ManifestReader manifests, ShardMemberLister shardMembers, ILogger logger)
{
    /// <inheritdoc cref="ListWithShardsAsync"/>
    public async IAsyncEnumerable<FileEntry> ListAsync(Action<ShardReadException> skipped, string manifestKey, ReadObjectsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (file, _) in ListWithShardsAsync(skipped, manifestKey, options, null, cancellationToken).ConfigureAwait(false))
        {
            yield return file;
        }
    }

    /// <summary>
    /// Each file entry with the shard entry it was expanded from (null for entries that are
    /// lines of the manifest itself), so callers can read a whole shard in one pass.
    /// </summary>
    /// <param name="skipped">Records a shard that could not be read, when <see cref="ReadObjectsOptions.SkipUnreadableShards"/> lets it be skipped.</param>
    /// <param name="manifestKey">The manifest's full key.</param>
    /// <param name="options">Whether shards are expanded, and whether unreadable ones are skipped.</param>
    /// <param name="rootDigest">Takes the root manifest's bytes as they are read, when given (see <see cref="ManifestReader.ReadHashingRootAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async IAsyncEnumerable<(FileEntry File, ShardEntry? Shard)> ListWithShardsAsync(Action<ShardReadException> skipped, string manifestKey, ReadObjectsOptions options, IncrementalHash? rootDigest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var entries = rootDigest is null
            ? manifests.ReadAsync(manifestKey, true, null, cancellationToken)
            : manifests.ReadHashingRootAsync(manifestKey, rootDigest, cancellationToken);
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            if (entry is FileEntry file)
            {
                yield return (file, null);
                continue;
            }

            if (entry is not ShardEntry shard || !options.ExpandShards)
            {
                continue;
            }

            IReadOnlyList<FileEntry> members;
            try
            {
                members = await shardMembers.ListAsync(shard, cancellationToken).ConfigureAwait(false);
            }
            catch (ShardReadException ex) when (options.SkipUnreadableShards)
            {
                S3ExchangeLog.ShardSkipped(logger, ex.ArchiveKey, ex.Message);
                skipped(ex);
                continue;
            }

            foreach (var member in members)
            {
                yield return (member, shard);
            }
        }
    }
}
