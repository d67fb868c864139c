namespace S3Exchange.Bench.Store;

/// <summary>
/// A store operation and its baseline, run alternately (baseline first) so that a server
/// slowing down over time hurts both alike; the row keeps median times and the highest peaks.
/// </summary>
internal abstract class Workload(BenchServer server, BenchSettings settings)
{
    protected BenchServer Server { get; } = server;

    protected BenchSettings Settings { get; } = settings;

    /// <summary>The name the command line selects it by.</summary>
    public abstract string Name { get; }

    /// <summary>Untimed set-up shared by every run (uploading what will be read, …).</summary>
    public virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Runs both sides <see cref="BenchSettings.Runs"/> times and returns the rows.</summary>
    public virtual async Task<IReadOnlyList<Comparison>> RunAsync()
    {
        await PrepareAsync().ConfigureAwait(false);
        var store = new List<Measurement>();
        var baseline = new List<Measurement>();
        for (var run = 0; run < Settings.Runs; run++)
        {
            baseline.Add(await RunBaselineOnceAsync(run).ConfigureAwait(false));
            store.Add(await RunStoreOnceAsync(run).ConfigureAwait(false));
        }

        await CleanupAsync().ConfigureAwait(false);
        return [new Comparison(Describe(), Summarise(store), Summarise(baseline), Target, Note)];
    }

    /// <summary>The median time and the highest peaks of several measurements (resident: the run that added most).</summary>
    public static Measurement Summarise(IReadOnlyList<Measurement> runs)
    {
        var times = runs.Select(r => r.Elapsed).Order().ToList();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        var resident = runs.MaxBy(r => r.PeakResidentAboveStartBytes);
        return new Measurement(median, runs.Max(r => r.PeakHeapBytes), runs.Max(r => r.PeakLiveBytes), resident.StartResidentBytes, resident.PeakResidentBytes);
    }

    /// <summary>The row's label.</summary>
    protected abstract string Describe();

    protected virtual string Target => "—";

    protected virtual string Note => string.Empty;

    /// <summary>One timed run of the store's side, with its own untimed set-up and clean-up.</summary>
    protected abstract Task<Measurement> RunStoreOnceAsync(int run);

    /// <summary>One timed run of the baseline.</summary>
    protected abstract Task<Measurement> RunBaselineOnceAsync(int run);

    protected virtual Task CleanupAsync() => Task.CompletedTask;
}
