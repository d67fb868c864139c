using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Amazon.S3;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.BZip2;

namespace S3Exchange;

/// <summary>
/// Reads a shard archive member by member as it streams from S3: response → decompressor →
/// tar (System.Formats.Tar, which reads ustar, pax and GNU headers and, over a stream that
/// cannot seek, hands out each member's data as a window on the archive stream). Memory is
/// the decompressor's and tar's buffers plus what the caller reads; the archive is never held
/// whole. Every failure on the way is a <see cref="ShardReadException"/> naming
/// the archive.
/// </summary>
internal sealed class ShardMemberReader : IAsyncDisposable, IDisposable
{
    // The size of the reads sent to the response for a decompressor that reads byte by byte.
    private const int NetworkReadBytes = 64 * 1024;

    private readonly ShardEntry shard;
    // Null when the tar stream owns the response (read on a background task).
    private readonly Amazon.S3.Model.GetObjectResponse? response;
    private readonly TarReader tar;
    private readonly string internalManifestPath;
    private ShardIndex? index;
    private HashSet<string>? unseen;
    private MemberStream? current;

    private ShardMemberReader(ShardEntry shard, Amazon.S3.Model.GetObjectResponse? response, TarReader tar)
    {
        this.shard = shard;
        this.response = response;
        this.tar = tar;
        internalManifestPath = shard.InternalManifestPath ?? ShardEntry.DefaultInternalManifestPath;
    }

    /// <summary>Whether the archive can be read at all: an xz archive is refused before any request.</summary>
    public static bool CanDecode(ShardEntry shard) => shard.EffectiveCompression != ShardCompression.Xz;

    public static async Task<ShardMemberReader> OpenAsync(ObjectStorage storage, ShardEntry shard, CancellationToken cancellationToken)
    {
        if (!CanDecode(shard))
        {
            throw new ShardReadException(shard.ArchiveKey, "it is xz-compressed and this library has no xz decoder.");
        }

        Amazon.S3.Model.GetObjectResponse response;
        try
        {
            response = await storage.GetAsync(shard.ArchiveKey, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException ex)
        {
            throw Unreadable(shard, ex);
        }

        try
        {
            return new ShardMemberReader(shard, response, new TarReader(Decompress(shard, response.ResponseStream), leaveOpen: false));
        }
        catch (Exception ex) when (IsArchiveFault(ex))
        {
            response.Dispose();
            throw Unreadable(shard, ex);
        }
    }

    /// <summary>
    /// Reads the archive decompressed on a background task (<see cref="DecompressedArchiveStream"/>),
    /// which becomes the reader's; fails as <see cref="OpenAsync(ObjectStorage, ShardEntry, CancellationToken)"/> would.
    /// </summary>
    public static async Task<ShardMemberReader> OpenAsync(ShardEntry shard, DecompressedArchiveStream archive)
    {
        try
        {
            await archive.Opened.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await archive.DisposeAsync().ConfigureAwait(false);
            if (ex is ObjectNotFoundException || IsArchiveFault(ex))
            {
                throw Unreadable(shard, ex);
            }

            throw;
        }

        return new ShardMemberReader(shard, null, new TarReader(archive, leaveOpen: false));
    }

    /// <summary>The archive's tar stream over its body: a decompressor, or the body itself for plain tar.</summary>
    public static Stream Decompress(ShardEntry shard, Stream body) => shard.EffectiveCompression switch
    {
        // BZip2InputStream reads the stream header as it is made. It reads its input one
        // byte at a time (Stream.ReadByte): straight from the response, each byte would be
        // one read through the SDK's and HttpClient's streams, so it reads a buffer instead.
        // GZipStream reads 8 KiB at a time already (a larger buffer measured no faster).
        ShardCompression.Gzip => new GZipStream(body, CompressionMode.Decompress),
        ShardCompression.Bzip2 => new BZip2InputStream(new BufferedStream(body, NetworkReadBytes)),
        _ => body,
    };

    /// <summary>The next data member with its entry, or null at the end of the archive.</summary>
    // Pooled like the member reads: one call per member.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ExchangeObject?> NextAsync(CancellationToken cancellationToken)
    {
        current?.Detach();
        current = null;
        if (await NextDataMemberAsync(stopAtIndex: false, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            if (unseen is { Count: > 0 })
            {
                throw new ShardReadException(shard.ArchiveKey, $"member '{unseen.First()}' is listed in '{internalManifestPath}' but not in the archive ({unseen.Count} missing).");
            }

            return null;
        }

        var described = Describe(entry.Name, entry.Length);
        current = new MemberStream(DataOf(entry), shard, described.Key, entry.Length);
        return new ExchangeObject(described, current);
    }

    /// <summary>
    /// The archive's members without their data: the internal manifest when the archive starts
    /// with one (then only that member is read), otherwise every member's header.
    /// </summary>
    public async Task<IReadOnlyList<FileEntry>> ListMembersAsync(CancellationToken cancellationToken)
    {
        var listed = new List<FileEntry>();
        while (await NextDataMemberAsync(stopAtIndex: true, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            listed.Add(Describe(entry.Name, entry.Length));
        }

        return index is null ? listed : index.Members.Select(m => Describe(m.MemberPath!, m.SizeBytes ?? 0)).ToList();
    }

    /// <summary>
    /// Streams up to <paramref name="memberPath"/> and returns its content, which owns this
    /// reader; null (and this reader disposed) when the archive has no such member.
    /// </summary>
    public async Task<Stream?> OpenMemberAsync(string memberPath, CancellationToken cancellationToken)
    {
        while (await NextDataMemberAsync(stopAtIndex: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.Name == memberPath)
            {
                return new MemberStream(DataOf(entry), shard, VirtualKey.Compose(shard.ArchiveKey, memberPath), entry.Length, owner: this);
            }
        }

        await DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        current?.Detach();
        await tar.DisposeAsync().ConfigureAwait(false);
        response?.Dispose();
    }

    /// <summary>Closes the archive without waiting for anything asynchronous (a caller's synchronous <c>using</c>).</summary>
    public void Dispose()
    {
        current?.Detach();
        tar.Dispose();
        response?.Dispose();
    }

    // Advances to the next regular file that is not the internal manifest (reading that into
    // the index on the way). With stopAtIndex, ends once the index has been read.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TarEntry?> NextDataMemberAsync(bool stopAtIndex, CancellationToken cancellationToken)
    {
        try
        {
            // copyData: false — the archive stream cannot seek, so each entry's data is read in
            // place and skipped by the next call; nothing is copied aside.
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                {
                    continue;
                }

                if (index is null && entry.Name == internalManifestPath)
                {
                    await ReadIndexAsync(entry, cancellationToken).ConfigureAwait(false);
                    if (stopAtIndex)
                    {
                        return null;
                    }

                    continue;
                }

                return entry;
            }

            return null;
        }
        catch (Exception ex) when (IsArchiveFault(ex))
        {
            throw new ShardReadException(shard.ArchiveKey, ex.Message, ex);
        }
    }

    private async Task ReadIndexAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        var content = new byte[entry.Length];
        await DataOf(entry).ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        var members = ManifestLines.Parse(content, VirtualKey.Compose(shard.ArchiveKey, internalManifestPath))
            .OfType<FileEntry>()
            .Where(f => f.MemberPath is not null)
            .ToList();
        index = new ShardIndex(null, members);
        unseen = [.. index.ByPath.Keys];
    }

    // The internal manifest's entry for a member, with the keys pointing at this archive
    // (which may have been copied since it was written); a member it does not list still
    // gets an entry.
    private FileEntry Describe(string memberPath, long size)
    {
        unseen?.Remove(memberPath);
        var described = index is not null && index.ByPath.TryGetValue(memberPath, out var listed)
            ? listed.Clone()
            : new FileEntry(string.Empty) { SizeBytes = size, Id = KeyPath.InferId(memberPath) };
        if (!VirtualKey.Names(described.Key, shard.ArchiveKey, memberPath))
        {
            described.Key = VirtualKey.Compose(shard.ArchiveKey, memberPath);
        }

        described.ArchiveKey = shard.ArchiveKey;
        described.MemberPath = memberPath;
        return described;
    }

    // A regular file entry always has a data stream, empty for an empty member.
    private static Stream DataOf(TarEntry entry) => entry.DataStream ?? Stream.Null;

    /// <summary>The archive fault as a <see cref="ShardReadException"/> naming the archive.</summary>
    internal static ShardReadException Unreadable(ShardEntry shard, Exception ex) =>
        ex is ObjectNotFoundException
            ? new ShardReadException(shard.ArchiveKey, "the archive does not exist.", ex)
            : new ShardReadException(shard.ArchiveKey, ex.Message, ex);

    /// <summary>Whether the failure is the archive's (missing, corrupt, cut short), not the caller's.</summary>
    internal static bool IsArchiveFault(Exception ex) =>
        ex is SharpZipBaseException or InvalidDataException or EndOfStreamException or InvalidManifestException
            or IOException or FormatException or AmazonS3Exception or S3OperationException;
}
