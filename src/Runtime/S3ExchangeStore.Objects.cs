namespace S3Exchange;

public sealed partial class S3ExchangeStore
{
    /// <summary>
    /// Opens an object for reading (the Python <c>get_object</c>). A virtual key
    /// <c>archive#member</c> opens that member of a shard archive; when no such archive
    /// exists, the key is tried as a plain object key.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">Neither the object nor the member exists.</exception>
    public async Task<Stream> GetObjectAsync(string key, CancellationToken cancellationToken = default) =>
        await objectOpener.OpenKeyAsync(ResolveKey(key), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Opens the object an entry names: a loose object by its key, or a shard member (one
    /// ranged GET when the entry records the member's offset in a plain tar archive).
    /// </summary>
    public Task<Stream> OpenAsync(FileEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return objectOpener.OpenAsync(entry, cancellationToken);
    }

    /// <summary>The object's size, ETag, content type and user metadata (the Python <c>get_metadata</c>).</summary>
    /// <exception cref="ObjectNotFoundException">No object has that key.</exception>
    public async Task<ObjectInfo> GetMetadataAsync(string key, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(key);
        return await storage.HeadAsync(fullKey, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(fullKey);
    }

    /// <summary>Whether an object exists at <paramref name="key"/> (the Python <c>exists</c>).</summary>
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        await storage.HeadAsync(ResolveKey(key), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Writes bytes to <paramref name="key"/> and returns the entry to put in a manifest (the Python <c>put_object</c>).</summary>
    public async Task<FileEntry> PutObjectAsync(string key, ReadOnlyMemory<byte> data, PutObjectOptions? options = null, CancellationToken cancellationToken = default) =>
        await objectWriter.PutBytesAsync(ResolveKey(key), data, options, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Writes a stream's remaining bytes to <paramref name="key"/>: one PutObject when it is
    /// seekable and short, otherwise a streamed multipart upload; the stream is not disposed.
    /// </summary>
    public Task<FileEntry> PutObjectAsync(string key, Stream data, PutObjectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return objectWriter.PutStreamAsync(ResolveKey(key), data, Options.PartSizeBytes, options, cancellationToken);
    }

    /// <summary>Uploads the file at <paramref name="filePath"/> to <paramref name="key"/> (the Python <c>put_object</c> with a path).</summary>
    public Task<FileEntry> PutFileAsync(string key, string filePath, PutObjectOptions? options = null, CancellationToken cancellationToken = default) =>
        PutFileAsync(key, filePath, Options.PartSizeBytes, options, cancellationToken);

    /// <summary>
    /// <see cref="PutFileAsync(string, string, PutObjectOptions?, CancellationToken)"/> with one
    /// PutObject, read straight from disk, for files up to <paramref name="singlePutBytes"/>
    /// (above the store's part size): servers store a multipart object twice (parts, then joined).
    /// </summary>
    internal async Task<FileEntry> PutFileAsync(string key, string filePath, long singlePutBytes, PutObjectOptions? options, CancellationToken cancellationToken) =>
        await objectWriter.PutFileAsync(ResolveKey(key), filePath, singlePutBytes, options, cancellationToken).ConfigureAwait(false);

    /// <summary>Downloads one object (or virtual key) to <paramref name="filePath"/>; the file appears only once complete.</summary>
    public async Task DownloadAsync(string key, string filePath, CancellationToken cancellationToken = default)
    {
        var content = await GetObjectAsync(key, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            await WriteFileAtomicallyAsync(content, Path.GetFullPath(filePath), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads every object of a manifest (shards expanded) below <paramref name="targetFolder"/>
    /// (the Python <c>download_many</c>). A shard member lands at its member path; a loose object
    /// at its key relative to the manifest's folder, or at its full key when outside it. Every
    /// path is checked before anything is written: none can land outside the folder.
    /// </summary>
    /// <exception cref="InvalidMemberPathException">A key or member path would escape the folder.</exception>
    public async Task<DownloadReport> DownloadManyAsync(string manifestKey, string targetFolder, CancellationToken cancellationToken = default)
    {
        var fullKey = ResolveKey(manifestKey);
        var manifestFolder = KeyPath.Folder(fullKey);
        var files = await AsyncSequences.CollectAsync(ListFilesWithShardsAsync(_ => { }, fullKey, new ReadObjectsOptions(), cancellationToken), cancellationToken).ConfigureAwait(false);
        var targets = files.Select(f => new DownloadTarget(f.File, f.Shard ?? CompressedArchiveOf(f.File), RelativeDownloadPath(f.File, manifestFolder))).ToList();
        foreach (var target in targets)
        {
            MemberPath.ResolveBelow(targetFolder, target.Relative);
        }

        long total = 0;
        await Parallel.ForEachAsync(
            PlanDownloads(targets),
            new ParallelOptions { MaxDegreeOfParallelism = Options.MaxConcurrency, CancellationToken = cancellationToken },
            async (download, token) =>
            {
                var written = download.Count == 1 && download[0].Shard is null
                    ? await DownloadOneAsync(download[0], targetFolder, token).ConfigureAwait(false)
                    : await DownloadShardMembersAsync(download, targetFolder, token).ConfigureAwait(false);
                Interlocked.Add(ref total, written);
            }).ConfigureAwait(false);
        return new DownloadReport(targets.Count, total, targets.Select(t => t.Relative).ToList());
    }

    // The units of parallel work: each member of a shard the manifest names is read in one
    // streamed pass over its archive (a compressed archive can only be read in order, and a
    // whole plain one costs one GET instead of one per member); every other object, loose or
    // a member listed on its own, is one download of its own.
    private static List<List<DownloadTarget>> PlanDownloads(List<DownloadTarget> targets)
    {
        var plan = new List<List<DownloadTarget>>();
        var byArchive = new Dictionary<string, List<DownloadTarget>>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (target.Shard is null)
            {
                plan.Add([target]);
                continue;
            }

            if (!byArchive.TryGetValue(target.Shard.ArchiveKey, out var group))
            {
                group = [];
                byArchive.Add(target.Shard.ArchiveKey, group);
                plan.Add(group);
            }

            group.Add(target);
        }

        return plan;
    }

    // A member listed on its own (a compacted manifest) of a compressed archive: reading it
    // alone would stream the archive up to it, so it joins the one pass over its archive.
    private static ShardEntry? CompressedArchiveOf(FileEntry file)
    {
        if (file is not { ArchiveKey: { } archiveKey, MemberPath: not null })
        {
            return null;
        }

        var archive = new ShardEntry(archiveKey) { Compression = null };
        return archive.EffectiveCompression == ShardCompression.None ? null : archive;
    }

    private async Task<long> DownloadOneAsync(DownloadTarget target, string targetFolder, CancellationToken cancellationToken)
    {
        var content = await OpenAsync(target.File, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            return await WriteFileAtomicallyAsync(content, MemberPath.ResolveBelow(targetFolder, target.Relative), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> DownloadShardMembersAsync(List<DownloadTarget> members, string targetFolder, CancellationToken cancellationToken)
    {
        var wanted = members.ToLookup(m => m.File.MemberPath!, m => MemberPath.ResolveBelow(targetFolder, m.Relative), StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        long written = 0;
        var reader = await ShardMemberReader.OpenAsync(storage, members[0].Shard!, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (found.Count < wanted.Count && await reader.NextAsync(cancellationToken).ConfigureAwait(false) is { } member)
            {
                using (member)
                {
                    var paths = wanted[member.Entry.MemberPath!].ToList();
                    if (paths.Count == 0 || !found.Add(member.Entry.MemberPath!))
                    {
                        continue;
                    }

                    var size = await WriteFileAtomicallyAsync(member.Content, paths[0], cancellationToken).ConfigureAwait(false);

                    // A member the manifest names twice lands at each of its paths.
                    foreach (var copy in paths.Skip(1).Distinct(StringComparer.Ordinal).Where(p => p != paths[0]))
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                        File.Copy(paths[0], copy, overwrite: true);
                    }

                    written += size * paths.Count;
                }
            }
        }

        if (found.Count < wanted.Count)
        {
            var missing = wanted.First(w => !found.Contains(w.Key)).Key;
            throw new ObjectNotFoundException(VirtualKey.Compose(members[0].Shard!.ArchiveKey, missing));
        }

        return written;
    }

    private static string RelativeDownloadPath(FileEntry entry, string manifestFolder)
    {
        if (entry.MemberPath is { } member)
        {
            return member;
        }

        return manifestFolder.Length > 0 && entry.Key.StartsWith(manifestFolder + "/", StringComparison.Ordinal)
            ? entry.Key[(manifestFolder.Length + 1)..]
            : entry.Key;
    }

    // Written to a temporary name beside the target and renamed, so a failed download leaves
    // no half-written file under the real name.
    private static async Task<long> WriteFileAtomicallyAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".s3x-" + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            long written;
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                written = file.Length;
            }

            File.Move(temporary, path, overwrite: true);
            return written;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
