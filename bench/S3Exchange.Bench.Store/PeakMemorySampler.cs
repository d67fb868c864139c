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
/// Beside them the whole process's resident memory (<see cref="ProcessMemory"/>): the peak
/// (the kernel's high-water mark, reset as the step starts; sampled where it cannot be reset)
/// and where it stood at the start, so what the step added is the difference.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly long startHeapBytes;
    private readonly long startLiveBytes;
    private readonly Thread thread;
    private volatile bool stopping;
    private long peakHeapBytes;
    private long peakLiveBytes;
    private readonly bool peakWasReset;
    private long lastCollection;
    private long peakResidentBytes;

    private PeakMemorySampler()
    {
        // A full blocking collection first, so the step's figure does not carry the previous step's garbage.
        startHeapBytes = GC.GetTotalMemory(forceFullCollection: true);
        startLiveBytes = LiveAfterLastCollection(GCKind.Any);
        lastCollection = GC.CollectionCount(0);
        peakHeapBytes = startHeapBytes;
        peakLiveBytes = startLiveBytes;
        peakWasReset = ProcessMemory.TryResetPeak();
        StartResidentBytes = ProcessMemory.ResidentBytes();
        peakResidentBytes = StartResidentBytes;
        thread = new Thread(Sample) { IsBackground = true, Name = "peak-memory-sampler", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    public long PeakHeapAboveStartBytes => Math.Max(0, peakHeapBytes - startHeapBytes);

    public long PeakLiveAboveStartBytes => Math.Max(0, peakLiveBytes - startLiveBytes);

    /// <summary>The process's resident bytes as the step started (after the full collection).</summary>
    public long StartResidentBytes { get; }

    /// <summary>The process's most resident bytes during the step.</summary>
    public long PeakResidentBytes => peakResidentBytes;

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

        peakResidentBytes = Math.Max(peakResidentBytes, peakWasReset ? ProcessMemory.PeakResidentBytes() : ProcessMemory.ResidentBytes());
    }
}
