using System.Text.Json.Nodes;

namespace S3Exchange;

/// <summary>
/// One member to put into a shard archive: where its bytes come from, its path inside the
/// archive, and what the internal manifest records about it. The size must be known before
/// the member is written (tar headers precede the data).
/// </summary>
public sealed record ShardItem
{
    /// <summary>The Unix mode members get when none is given (rw-r--r--).</summary>
    public const int DefaultUnixMode = 0b110_100_100;

    private readonly Func<CancellationToken, ValueTask<Stream>> open;

    private ShardItem(string memberPath, long sizeBytes, Func<CancellationToken, ValueTask<Stream>> open)
    {
        MemberPath.Validate(memberPath);
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        Path = memberPath;
        SizeBytes = sizeBytes;
        this.open = open;
    }

    /// <summary>The member's path inside the archive (relative, '/'-separated).</summary>
    public string Path { get; }

    /// <summary>The member's size in bytes.</summary>
    public long SizeBytes { get; }

    /// <summary>The producer's id; when null, inferred from the path like an object id.</summary>
    public string? Id { get; init; }

    /// <summary>Free-form metadata recorded in the internal manifest.</summary>
    public JsonObject? Meta { get; init; }

    /// <summary>The member's MIME type, recorded in the internal manifest when given.</summary>
    public string? ContentType { get; init; }

    /// <summary>The member's Unix permission bits (e.g. 0755 for executables).</summary>
    public int UnixMode { get; init; } = DefaultUnixMode;

    /// <summary>The member's modification time; the Unix epoch when null, so archives are reproducible.</summary>
    public DateTimeOffset? ModifiedTime { get; init; }

    /// <summary>A member whose bytes are read from the file at <paramref name="filePath"/>.</summary>
    public static ShardItem FromFile(string memberPath, string filePath)
    {
        var info = new FileInfo(filePath);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Shard item source '{filePath}' (member '{memberPath}') does not exist.", filePath);
        }

        return new ShardItem(memberPath, info.Length, _ => ValueTask.FromResult<Stream>(
            new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)));
    }

    /// <summary>A member whose bytes are <paramref name="content"/>.</summary>
    public static ShardItem FromBytes(string memberPath, ReadOnlyMemory<byte> content) =>
        new(memberPath, content.Length, _ => ValueTask.FromResult<Stream>(new ReadOnlyMemoryStream(content)));

    /// <summary>
    /// A member whose bytes come from a stream opened when the member is written (and disposed
    /// after); it must yield exactly <paramref name="sizeBytes"/> bytes.
    /// </summary>
    public static ShardItem FromStream(string memberPath, long sizeBytes, Func<CancellationToken, ValueTask<Stream>> open) =>
        new(memberPath, sizeBytes, open);

    /// <summary>Opens the member's content.</summary>
    internal ValueTask<Stream> OpenAsync(CancellationToken cancellationToken) => open(cancellationToken);
}
