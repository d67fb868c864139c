using System.Collections.Concurrent;

namespace S3Exchange.Bench.Faults;

/// <summary>500 objects of 1–4 KiB put 8 at once, then one manifest naming those that were stored.</summary>
internal sealed class SmallPutsWorkload : FaultWorkload
{
    private const int Count = 500;

    public override string Name => "puts";

    public override string Description => $"{Count} puts of 1–4 KiB (8 at once) + manifest";

    public override async Task<WorkloadOutcome> RunAsync(S3ExchangeStore store)
    {
        var entries = new ConcurrentBag<FileEntry>();
        var outcomes = new ConcurrentBag<WorkloadOutcome>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            outcomes.Add(WorkloadOutcome.Of(await Attempt.RunAsync(async () => entries.Add(await store.PutObjectAsync($"objects/{i:000}.bin", Content(i)).ConfigureAwait(false))).ConfigureAwait(false)));
        }).ConfigureAwait(false);

        var manifest = await Attempt.RunAsync(() => store.WriteManifestAsync("manifest.jsonl", entries.OrderBy(e => e.Key, StringComparer.Ordinal))).ConfigureAwait(false);
        return outcomes.Aggregate(WorkloadOutcome.Of(manifest), (sum, o) => sum + o);
    }

    private static byte[] Content(int i)
    {
        var data = new byte[1024 + (i * 97 % 3072)];
        new Random(i).NextBytes(data);
        return data;
    }
}
