namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// The items of the sharding workloads, put once with <c>PutItemsAsShardsAsync</c> (untimed, which
/// also warms up the code paths): its manifest is what the iteration workloads read, and its
/// archives' bytes are what the upload baseline sends. One dataset is tar.gz (the main one),
/// another, smaller, tar.bz2 (bzip2 decodes at about 20 MiB/s a core, see docs/performance.md).
/// </summary>
internal sealed class ShardedDataset
{
    public const string ManifestKey = "sharded/manifest.jsonl";

    private ShardedDataset(ShardingOptions options, int itemsPerShard, string prefix, List<ShardItem> items, IReadOnlyList<Shard> shards, List<byte[]> archives)
    {
        Options = options;
        ItemsPerShard = itemsPerShard;
        Prefix = prefix;
        Items = items;
        Shards = shards;
        Archives = archives;
    }

    /// <summary>How it was sharded (and how a rerun must shard it).</summary>
    public ShardingOptions Options { get; }

    public ShardCompression Compression => Options.Compression;

    public int ItemsPerShard { get; }

    /// <summary>The archives' extension without its dot: <c>tar.gz</c>, <c>tar.bz2</c>.</summary>
    public string Format => Compression switch
    {
        ShardCompression.Gzip => "tar.gz",
        ShardCompression.Bzip2 => "tar.bz2",
        ShardCompression.Xz => "tar.xz",
        _ => "tar",
    };

    /// <summary>What the store does to each archive beyond moving its bytes.</summary>
    public string Decoding => Compression switch
    {
        ShardCompression.Gzip => "gunzips and untars",
        ShardCompression.Bzip2 => "bunzips and untars",
        _ => "untars",
    };

    /// <summary>Its base prefix, to delete it at the end.</summary>
    public string Prefix { get; }

    public List<ShardItem> Items { get; }

    public IReadOnlyList<Shard> Shards { get; }

    /// <summary>Each archive's stored bytes, in shard order.</summary>
    public List<byte[]> Archives { get; }

    public long ItemBytes => Items.Sum(i => i.SizeBytes);

    public long ArchiveBytes => Archives.Sum(a => (long)a.Length);

    /// <summary>10,000 items (4–64 KiB) in tar.gz shards of 1,000.</summary>
    public static Task<ShardedDataset> CreateGzipAsync(BenchServer server, BenchSettings settings, TestContent content) =>
        CreateAsync(server, settings, content, ShardCompression.Gzip, settings.Scaled(10_000, 1000), 1000);

    /// <summary>1,000 items (4–64 KiB) in tar.bz2 shards of 500.</summary>
    public static Task<ShardedDataset> CreateBzip2Async(BenchServer server, BenchSettings settings, TestContent content) =>
        CreateAsync(server, settings, content, ShardCompression.Bzip2, settings.Scaled(1_000, 500), 500);

    private static async Task<ShardedDataset> CreateAsync(BenchServer server, BenchSettings settings, TestContent content, ShardCompression compression, int count, int itemsPerShard)
    {
        var options = new ShardingOptions { MaxEntries = itemsPerShard, Compression = compression };
        var items = content.Items(TestContent.Sizes(count, 4 * 1024, 64 * 1024));
        var prefix = BenchServer.NewPrefix($"sharded-dataset-{compression.ToString().ToLowerInvariant()}");
        var store = server.CreateStore(prefix, settings.MaxConcurrency);
        var shards = await store.PutItemsAsShardsAsync(ManifestKey, items, options).ConfigureAwait(false);
        var archives = new List<byte[]>();
        foreach (var shard in shards)
        {
            using var response = await server.Client.GetObjectAsync(server.Bucket, shard.Entry.ArchiveKey).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer).ConfigureAwait(false);
            archives.Add(buffer.ToArray());
        }

        return new ShardedDataset(options, itemsPerShard, prefix, items, shards, archives);
    }
}
