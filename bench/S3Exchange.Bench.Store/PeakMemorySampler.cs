namespace S3Exchange.Bench.Store;

/// <summary>
/// The managed memory a step needed, above what was live when it started, in two figures:
/// <list type="bullet">
/// <item>heap: the highest <see cref="GC.GetTotalMemory(bool)"/> sampled about every
/// millisecond; it includes garbage not yet collected, so it depends on when gen0 collections
/// fall, but it is what the process actually held;</item>
/// <item>live: the highest heap size left after any collection during the step (from
/// <see cref="GC.GetGCMemoryInfo(GCKind)"/>), i.e. what the step kept reachable.</item>
/// </list>
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly long startHeapBytes;
    private readonly long startLiveBytes;
    private readonly Thread thread;
    private volatile bool stopping;
    private long peakHeapBytes;
    private long peakLiveBytes;
    private long lastCollection;

    private PeakMemorySampler()
    {
        // A full blocking collection first, so the step's figure does not carry the previous step's garbage.
        startHeapBytes = GC.GetTotalMemory(forceFullCollection: true);
        startLiveBytes = LiveAfterLastCollection(GCKind.Any);
        lastCollection = GC.CollectionCount(0);
        peakHeapBytes = startHeapBytes;
        peakLiveBytes = startLiveBytes;
        thread = new Thread(Sample) { IsBackground = true, Name = "peak-memory-sampler", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    public long PeakHeapAboveStartBytes => Math.Max(0, peakHeapBytes - startHeapBytes);

    public long PeakLiveAboveStartBytes => Math.Max(0, peakLiveBytes - startLiveBytes);

    public static PeakMemorySampler Start() => new();

    public void Dispose()
    {
        stopping = true;
        thread.Join();
        Observe();
    }

    private static long LiveAfterLastCollection(GCKind kind)
    {
        var info = GC.GetGCMemoryInfo(kind);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    private void Sample()
    {
        while (!stopping)
        {
            Observe();
            Thread.Sleep(1);
        }
    }

    // Only the sampling thread and, after it has stopped, Dispose write the peaks.
    private void Observe()
    {
        peakHeapBytes = Math.Max(peakHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
        var collections = GC.CollectionCount(0);
        if (collections != lastCollection)
        {
            lastCollection = collections;
            peakLiveBytes = Math.Max(peakLiveBytes, LiveAfterLastCollection(GCKind.Any));
        }
    }
}
