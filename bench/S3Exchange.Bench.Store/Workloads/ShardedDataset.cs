namespace S3Exchange.Bench.Store.Workloads;

/// <summary>
/// The items of the sharding workloads, put once with <c>PutShardedAsync</c> (untimed, which
/// also warms up the code paths): its manifest is what the iteration workload reads, and its
/// archives' bytes are what the upload baseline sends.
/// </summary>
internal sealed class ShardedDataset
{
    public const string ManifestKey = "sharded/manifest.jsonl";
    public const int ItemsPerShard = 1000;

    private ShardedDataset(S3ExchangeStore store, string prefix, List<ShardItem> items, IReadOnlyList<Shard> shards, List<byte[]> archives)
    {
        Store = store;
        Prefix = prefix;
        Items = items;
        Shards = shards;
        Archives = archives;
    }

    /// <summary>The store the dataset was put with.</summary>
    public S3ExchangeStore Store { get; }

    /// <summary>Its base prefix, to delete it at the end.</summary>
    public string Prefix { get; }

    public List<ShardItem> Items { get; }

    public IReadOnlyList<Shard> Shards { get; }

    /// <summary>Each archive's stored bytes, in shard order.</summary>
    public List<byte[]> Archives { get; }

    public long ItemBytes => Items.Sum(i => i.SizeBytes);

    public long ArchiveBytes => Archives.Sum(a => (long)a.Length);

    public static ShardingOptions Options => new() { MaxEntries = ItemsPerShard, Compression = ShardCompression.Gzip };

    public static async Task<ShardedDataset> CreateAsync(BenchServer server, BenchSettings settings, TestContent content)
    {
        var items = content.Items(TestContent.Sizes(settings.Scaled(10_000, ItemsPerShard), 4 * 1024, 64 * 1024));
        var prefix = BenchServer.NewPrefix("sharded-dataset");
        var store = server.CreateStore(prefix, settings.MaxConcurrency);
        var shards = await store.PutShardedAsync(ManifestKey, items, Options).ConfigureAwait(false);
        var archives = new List<byte[]>();
        foreach (var shard in shards)
        {
            using var response = await server.Client.GetObjectAsync(server.Bucket, shard.Entry.ArchiveKey).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer).ConfigureAwait(false);
            archives.Add(buffer.ToArray());
        }

        return new ShardedDataset(store, prefix, items, shards, archives);
    }
}
