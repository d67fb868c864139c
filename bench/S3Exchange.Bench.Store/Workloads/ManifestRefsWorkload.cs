using Amazon.S3.Model;

namespace S3Exchange.Bench.Store.Workloads;

/// <summary>How the manifests of <see cref="ManifestRefsWorkload"/> refer to each other.</summary>
internal enum ManifestRefLayout
{
    /// <summary>Each manifest: one entry, then a reference to the next (the last line).</summary>
    Chain,

    /// <summary>Each manifest: one entry, a reference to the next, one entry after it (kept in memory while the reference is read).</summary>
    ChainShortRest,

    /// <summary>Each manifest: one entry, a reference to the next, 12 entries after it (more than 1 KiB: read on with a ranged GET, past the first few levels).</summary>
    ChainLongRest,

    /// <summary>A root with one entry and a reference to each of the others (the append-parts layout), each holding one entry.</summary>
    Parts,
}

/// <summary>
/// Resolving 3,000 manifests that reference each other with <c>ReadManifestEntriesAsync</c>;
/// the baseline GETs the same manifests one after the other and reads each to its end, so the
/// ratio is what resolving costs beyond the requests. The manifests are put beforehand, untimed.
/// </summary>
internal sealed class ManifestRefsWorkload(BenchServer server, BenchSettings settings, ManifestRefLayout layout) : Workload(server, settings)
{
    private string prefix = null!;

    public override string Name => layout switch
    {
        ManifestRefLayout.Chain => "ref-chain",
        ManifestRefLayout.ChainShortRest => "ref-chain-rest",
        ManifestRefLayout.ChainLongRest => "ref-chain-long-rest",
        _ => "ref-parts",
    };

    private int Count => Settings.Scaled(3_000, 10);

    protected override string Note => layout switch
    {
        ManifestRefLayout.Chain => "each manifest: an entry, then a reference to the next; baseline: the same GETs, in turn",
        ManifestRefLayout.ChainShortRest => "each: an entry, a reference to the next, an entry after it (kept in memory meanwhile); baseline: the same GETs, in turn",
        ManifestRefLayout.ChainLongRest => "each: an entry, a reference to the next, 12 entries (1.3 KiB) after it; store: + 1 ranged GET a level past the first 4; baseline: the plain GETs",
        _ => "a root referencing every other manifest; baseline: the same GETs, in turn",
    };

    protected override string Describe() => layout switch
    {
        ManifestRefLayout.Chain => $"resolve a {Count:N0}-deep manifest_ref chain",
        ManifestRefLayout.ChainShortRest => $"resolve a {Count:N0}-deep manifest_ref chain, an entry after each ref",
        ManifestRefLayout.ChainLongRest => $"resolve a {Count:N0}-deep manifest_ref chain, 12 entries after each ref",
        _ => $"resolve a root of {Count - 1:N0} manifest_refs (append parts)",
    };

    public override async Task PrepareAsync()
    {
        prefix = BenchServer.NewPrefix(Name);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Count),
            new ParallelOptions { MaxDegreeOfParallelism = Settings.MaxConcurrency },
            async (i, token) => await Server.Client.PutObjectAsync(new PutObjectRequest { BucketName = Server.Bucket, Key = Key(i), ContentBody = Content(i) }, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    protected override async Task<Measurement> RunStoreOnceAsync(int run)
    {
        var store = Server.CreateStore(string.Empty, Settings.MaxConcurrency);
        var entries = 0;
        var measured = await Measurement.TakeAsync(async () =>
        {
            await foreach (var entry in store.ReadManifestEntriesAsync(Key(0)).ConfigureAwait(false))
            {
                entries++;
            }
        }).ConfigureAwait(false);
        Check.Equal((Count * (1 + RestEntries)) - RestEntries, entries, "entries resolved");
        return measured;
    }

    protected override Task<Measurement> RunBaselineOnceAsync(int run)
    {
        var buffer = new byte[4096];
        return Measurement.TakeAsync(async () =>
        {
            for (var i = 0; i < Count; i++)
            {
                using var response = await Server.Client.GetObjectAsync(Server.Bucket, Key(i)).ConfigureAwait(false);
                await Drain.ToEndAsync(response.ResponseStream, buffer).ConfigureAwait(false);
            }
        });
    }

    protected override Task CleanupAsync() => Server.DeletePrefixAsync(prefix);

    // Entries after each reference.
    private int RestEntries => layout switch
    {
        ManifestRefLayout.ChainShortRest => 1,
        ManifestRefLayout.ChainLongRest => 12,
        _ => 0,
    };

    private string Key(int i) => $"{prefix}/manifests/m{i:00000}.jsonl";

    private string Content(int i)
    {
        string Entry(string name) => $"{{\"kind\":\"file\",\"key\":\"{prefix}/objects/{i:00000}-{name}.bin\",\"size_bytes\":1024}}\n";
        string Ref(int to) => $"{{\"kind\":\"manifest_ref\",\"key\":\"{Key(to)}\"}}\n";
        if (layout == ManifestRefLayout.Parts)
        {
            return i == 0 ? Entry("a") + string.Concat(Enumerable.Range(1, Count - 1).Select(Ref)) : Entry("a");
        }

        return i == Count - 1
            ? Entry("a")
            : Entry("a") + Ref(i + 1) + string.Concat(Enumerable.Range(0, RestEntries).Select(j => Entry($"rest{j:00}")));
    }
}
