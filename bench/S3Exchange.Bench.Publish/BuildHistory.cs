using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>
/// Build #200 against build #1: a project of <see cref="FilesPerBuild"/> small files published
/// <see cref="Builds"/> times under one content prefix, each build changing
/// <see cref="ChangedPerBuild"/> files, with a hash cache as the MSBuild targets keep under obj/.
/// The shards hold 40 files at most (about 10 shards), the files-per-shard ratio of a 5,000-file
/// build at the default 1,000. Requests are counted at a <see cref="FaultProxy"/> in
/// pass-through mode, so what is counted is what reached the server.
/// </summary>
internal static class BuildHistory
{
    public const int Builds = 200;
    public const int FilesPerBuild = 200;
    public const int ChangedPerBuild = 3;

    /// <summary>How many publishes each compared figure is the median of.</summary>
    public const int Samples = 3;

    /// <summary>
    /// Publishes every build in order. Returns the costs of build #1 (<see cref="Samples"/> times,
    /// each into a content prefix of its own, so every one is a first build), of build #2, and of
    /// the last <see cref="Samples"/> builds (each with about 200 earlier builds stored).
    /// </summary>
    public static async Task<(IReadOnlyList<PublishCost> First, PublishCost Second, IReadOnlyList<PublishCost> Last)> RunAsync(S3ServerFixture server, string root)
    {
        var folder = Path.Combine(root, "build-history-" + Guid.NewGuid().ToString("N")[..8]);
        var cacheFile = Path.Combine(folder + "-obj", "publish-hashes.json");
        var random = new Random(7);
        for (var i = 0; i < FilesPerBuild; i++)
        {
            Write(folder, i, random);
        }

        await using var proxy = FaultProxy.Start(server.Endpoint);
        var store = S3ExchangeStore.Create(proxy.Redirect(server.Settings), server.CreateStore().Options);
        var costs = new Dictionary<int, PublishCost>();
        var firsts = new List<PublishCost>();
        try
        {
            // JIT, connections and the page cache warmed on another prefix, so build #1 is not charged for them.
            await store.PublishAsync(new PublishRequest { Folder = folder, Files = PublishSource.FromFolder(folder), ManifestKey = "warm-up/manifest.jsonl", ContentPrefix = "warm-up/content" });
            for (var i = 1; i < Samples; i++)
            {
                firsts.Add(await PublishAsync(store, proxy, folder, cacheFile, $"first-{i}", 1));
            }
            for (var build = 1; build <= Builds; build++)
            {
                if (build > 1)
                {
                    for (var j = 0; j < ChangedPerBuild; j++)
                    {
                        Write(folder, random.Next(FilesPerBuild), random);
                    }
                }

                var cost = await PublishAsync(store, proxy, folder, cacheFile, "app", build);
                if (build <= 2 || build > Builds - Samples)
                {
                    costs[build] = cost;
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Directory.Delete(Path.GetDirectoryName(cacheFile)!, recursive: true);
        }

        return ([.. firsts, costs[1]], costs[2], [.. Enumerable.Range(Builds - Samples + 1, Samples).Select(b => costs[b])]);
    }

    private static Task<PublishCost> PublishAsync(S3ExchangeStore store, FaultProxy proxy, string folder, string cacheFile, string project, int build) =>
        CountedPublish.RunAsync(store, proxy, new PublishRequest
        {
            Folder = folder,
            Files = PublishSource.FromFolder(folder),
            ManifestKey = $"{project}/{build}/manifest.jsonl",
            ContentPrefix = $"{project}/content",
            ShardMaxEntries = 40,
            HashCacheFile = cacheFile,
        });

    private static void Write(string folder, int index, Random random)
    {
        var path = Path.Combine(folder, $"lib/{index % 10}/file-{index:000}.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var content = new byte[random.Next(2 * 1024, (32 * 1024) + 1)];
        random.NextBytes(content);
        File.WriteAllBytes(path, content);
    }
}
