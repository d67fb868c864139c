using System.Text.Json.Nodes;
using ICSharpCode.SharpZipLib.BZip2;

namespace S3Exchange;

/// <summary>
/// Writes a shard archive straight into an upload: internal manifest first, then each member
/// as its source is read, through the compressor into <see cref="UploadStream"/>. Nothing
/// holds the whole archive; memory is one upload part per part in flight.
/// </summary>
internal sealed class ShardArchiveWriter(ObjectStorage storage, UploadSettings uploadSettings, bool inferIds)
{
    private const int CopyBufferSize = 81920;

    // Block padding and the end-of-archive trailer are zeros; the trailer is the longest run.
    private static readonly byte[] Zeros = new byte[TarFormat.RecordSize + (2 * TarFormat.BlockSize)];

    public async Task<Shard> WriteAsync(string archiveKey, IReadOnlyList<ShardItem> items, ShardCompression compression, int compressionLevel, CancellationToken cancellationToken)
    {
        if (compression == ShardCompression.Xz)
        {
            throw new NotSupportedException($"Cannot write '{archiveKey}': this library has no xz encoder; use Gzip, Bzip2 or None.");
        }

        var (members, internalManifest) = DescribeMembers(archiveKey, items, compression);

        var upload = storage.OpenWrite(archiveKey, ContentTypeOf(compression), uploadSettings);
        await using var uploadScope = upload.ConfigureAwait(false);
        var compressor = OpenCompressor(upload, compression, compressionLevel);
        try
        {
            var sink = new Sink(compressor ?? upload, upload);
            long position = 0;
            position += await WriteMemberAsync(sink, ShardEntry.DefaultInternalManifestPath, ShardItem.DefaultUnixMode, 0, new ReadOnlyMemoryStream(internalManifest), internalManifest.Length, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                var content = await item.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    var mtime = item.ModifiedTime?.ToUnixTimeSeconds() ?? 0;
                    position += await WriteMemberAsync(sink, item.Path, item.UnixMode, mtime, content, item.SizeBytes, cancellationToken).ConfigureAwait(false);
                }
            }

            await sink.WriteAsync(Zeros.AsMemory(0, TarFormat.TrailerLength(position)), cancellationToken).ConfigureAwait(false);
            if (compressor is BlockGzipStream gzip)
            {
                await gzip.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Disposing bzip2 flushes its last block into the upload (synchronously: those parts
            // are parked and go up with CompleteAsync); disposing gzip only takes its buffers back,
            // so an archive that failed gets no gzip trailer before its upload aborts.
            if (compressor is not null)
            {
                await compressor.DisposeAsync().ConfigureAwait(false);
            }
        }

        var stored = await upload.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var entry = new ShardEntry(archiveKey)
        {
            Compression = compression,
            Count = items.Count,
            SizeBytes = stored.SizeBytes,
            Meta = stored.ETag is null ? null : new JsonObject { ["etag"] = stored.ETag },
        };
        return new Shard(entry, members);
    }

    /// <summary>
    /// The internal manifest's entries and its bytes. For plain tar each entry records where its data starts; the
    /// offsets depend on the internal manifest's own padded length, so that is settled first.
    /// </summary>
    private (List<FileEntry> Members, byte[] InternalManifest) DescribeMembers(string archiveKey, IReadOnlyList<ShardItem> items, ShardCompression compression)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { ShardEntry.DefaultInternalManifestPath };
        var members = new List<FileEntry>(items.Count);
        foreach (var item in items)
        {
            if (!seen.Add(item.Path))
            {
                throw new ArgumentException($"Member path '{item.Path}' appears twice in shard '{archiveKey}' (or collides with the internal manifest).", nameof(items));
            }

            members.Add(new FileEntry(VirtualKey.Compose(archiveKey, item.Path))
            {
                MemberPath = item.Path,
                ArchiveKey = archiveKey,
                Id = item.Id ?? (inferIds ? KeyPath.InferId(item.Path) : null),
                Meta = item.Meta,
                ContentType = item.ContentType,
                SizeBytes = item.SizeBytes,
            });
        }

        if (compression != ShardCompression.None)
        {
            return (members, ManifestJson.ToBytes(members));
        }

        long manifestLength = 0;
        while (true)
        {
            var position = TarFormat.HeaderLength(ShardEntry.DefaultInternalManifestPath, manifestLength) + manifestLength + TarFormat.PaddingAfter(manifestLength);
            for (var i = 0; i < items.Count; i++)
            {
                var header = TarFormat.HeaderLength(items[i].Path, items[i].SizeBytes);
                members[i].DataOffset = position + header;
                position += header + items[i].SizeBytes + TarFormat.PaddingAfter(items[i].SizeBytes);
            }

            var internalManifest = ManifestJson.ToBytes(members);
            if (Blocks(internalManifest.Length) == Blocks(manifestLength))
            {
                return (members, internalManifest);
            }

            manifestLength = internalManifest.Length;
        }
    }

    private static long Blocks(long length) => (length + TarFormat.BlockSize - 1) / TarFormat.BlockSize;

    private static async Task<long> WriteMemberAsync(Sink sink, string path, int mode, long mtime, Stream content, long size, CancellationToken cancellationToken)
    {
        var header = TarFormat.FileHeader(path, size, mode, mtime);
        await sink.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[(int)Math.Min(CopyBufferSize, Math.Max(size, 1))];
        var remaining = size;
        while (remaining > 0)
        {
            var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidDataException($"Member '{path}' was declared as {size} bytes but its source ended after {size - remaining}.");
            }

            await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            remaining -= read;
        }

        if (await content.ReadAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new InvalidDataException($"Member '{path}' was declared as {size} bytes but its source has more.");
        }

        var padding = TarFormat.PaddingAfter(size);
        await sink.WriteAsync(Zeros.AsMemory(0, padding), cancellationToken).ConfigureAwait(false);

        return header.Length + size + padding;
    }

    /// <summary>
    /// Where the tar stream goes: the compressor (or the upload itself, for plain tar). After
    /// each write the upload sends the parts a synchronous compressor (SharpZipLib's bzip2
    /// writes its output synchronously) filled, so they never pile up.
    /// </summary>
    private readonly record struct Sink(Stream Stream, UploadStream Upload)
    {
        public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await Upload.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // gzip in blocks deflated in parallel by System.IO.Compression (native zlib, faster than
    // SharpZipLib's managed deflate: docs/performance.md); bzip2 has no other encoder at hand.
    private static Stream? OpenCompressor(Stream upload, ShardCompression compression, int level) => compression switch
    {
        ShardCompression.Gzip => new BlockGzipStream(upload, level),
        ShardCompression.Bzip2 => new BZip2OutputStream(upload) { IsStreamOwner = false },
        _ => null,
    };

    private static string ContentTypeOf(ShardCompression compression) => compression switch
    {
        ShardCompression.Gzip => "application/gzip",
        ShardCompression.Bzip2 => "application/x-bzip2",
        _ => "application/x-tar",
    };
}
