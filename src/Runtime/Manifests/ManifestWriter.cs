using System.Buffers;
using System.Security.Cryptography;

namespace S3Exchange;

/// <summary>
/// Builds a manifest incrementally: entries are buffered and published as append_parts part
/// files whenever <see cref="ManifestWriterOptions.PartMaxEntries"/> or
/// <see cref="ManifestWriterOptions.PartMaxBytes"/> is reached; items added with
/// <see cref="AddToShardAsync"/> are buffered into shards cut by the shard limits. Call
/// <see cref="CompleteAsync"/> to publish the rest; see
/// <see cref="ManifestWriterOptions.PublishOnError"/> for what disposal without it does.
/// Not thread-safe: one producer at a time.
/// </summary>
public sealed class ManifestWriter : IAsyncDisposable
{
    private readonly S3ExchangeStore store;
    private readonly string manifestKey;
    private readonly ManifestWriterOptions options;
    private readonly string shardNamePrefix;
    // Entries are serialised once, as they are added: the part is these bytes.
    private readonly ArrayBufferWriter<byte> pendingLines = new();
    private readonly List<ShardItem> pendingItems = [];
    private int pendingEntryCount;
    private long pendingItemBytes;
    private int shardNumber;
    private bool completed;

    internal ManifestWriter(S3ExchangeStore store, string manifestKey, ManifestWriterOptions options)
    {
        options.Validate();
        this.store = store;
        this.manifestKey = manifestKey;
        this.options = options;

        // Each writer names its shards apart, so two writers of one manifest never collide.
        var run = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        shardNamePrefix = KeyPath.Join(options.ShardPrefix ?? KeyLayout.ShardFolderOfManifest(manifestKey), $"shard-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{run}-");
    }

    /// <summary>Parts published so far.</summary>
    public int PublishedParts { get; private set; }

    /// <summary>Entries published so far (shard entries count once).</summary>
    public long PublishedEntries { get; private set; }

    /// <summary>Adds an entry; publishes a part when a part limit is reached.</summary>
    public async Task AddAsync(ManifestEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfCompleted();
        ManifestJson.WriteLine(pendingLines, entry);
        pendingEntryCount++;
        if (pendingEntryCount >= options.PartMaxEntries || pendingLines.WrittenCount >= options.PartMaxBytes)
        {
            await PublishPartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts an object and adds its entry.</summary>
    public async Task<FileEntry> PutObjectAsync(string key, ReadOnlyMemory<byte> data, PutObjectOptions? putOptions = null, CancellationToken cancellationToken = default)
    {
        ThrowIfCompleted();
        var entry = await store.PutObjectAsync(key, data, putOptions, cancellationToken).ConfigureAwait(false);
        await AddAsync(entry, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>Buffers an item for the current shard; writes the shard and adds its entry when a shard limit is reached.</summary>
    public async Task AddToShardAsync(ShardItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ThrowIfCompleted();
        if (pendingItems.Count > 0 && pendingItemBytes + item.SizeBytes > options.ShardMaxBytes)
        {
            await WriteShardAsync(cancellationToken).ConfigureAwait(false);
        }

        pendingItems.Add(item);
        pendingItemBytes += item.SizeBytes;
        if (pendingItems.Count >= options.ShardMaxEntries || pendingItemBytes >= options.ShardMaxBytes)
        {
            await WriteShardAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the pending shard, if any, and publishes pending entries as a part.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (pendingItems.Count > 0)
        {
            await WriteShardAsync(cancellationToken).ConfigureAwait(false);
        }

        if (pendingEntryCount > 0)
        {
            await PublishPartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes everything pending; the writer takes nothing more after it.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfCompleted();
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        completed = true;
    }

    /// <summary>Without <see cref="CompleteAsync"/>: publishes or drops what is pending, per <see cref="ManifestWriterOptions.PublishOnError"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (completed)
        {
            return;
        }

        try
        {
            if (options.PublishOnError)
            {
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            completed = true;
            pendingLines.ResetWrittenCount();
            pendingEntryCount = 0;
            pendingItems.Clear();
        }
    }

    private async Task WriteShardAsync(CancellationToken cancellationToken)
    {
        var key = $"{shardNamePrefix}{shardNumber:00000}{ShardCompressionNames.FileExtension(options.ShardCompression)}";
        var shard = await store.PutShardArchiveAsync(key, pendingItems, options.ShardCompression, cancellationToken).ConfigureAwait(false);
        shardNumber++;
        pendingItems.Clear();
        pendingItemBytes = 0;
        await AddAsync(shard.Entry, cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishPartAsync(CancellationToken cancellationToken)
    {
        await store.AppendManifestPartAsync(manifestKey, pendingLines.WrittenMemory, cancellationToken).ConfigureAwait(false);
        PublishedParts++;
        PublishedEntries += pendingEntryCount;
        pendingLines.ResetWrittenCount();
        pendingEntryCount = 0;
    }

    private void ThrowIfCompleted()
    {
        if (completed)
        {
            throw new InvalidOperationException($"The writer of '{manifestKey}' is completed or disposed.");
        }
    }
}
