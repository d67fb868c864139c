namespace S3Exchange.Bench.Store;

/// <summary>
/// One row of the memory table: the same operation on a small and a large archive. Streaming
/// holds memory flat, so the large one may peak above the small one by at most
/// <see cref="AllowanceBytes"/>: 10% plus <see cref="UnitBytes"/>, the most the operation holds
/// of one piece (a member when reading, an upload part when writing). Judged on both figures:
/// live memory (what streaming must keep flat) and the sampled heap, whose garbage share follows
/// the GC's gen0 budget, which the runtime grows during a long run. The process's resident
/// memory is shown beside them.
/// </summary>
internal sealed record MemoryComparison(string Operation, long SmallArchiveBytes, Measurement Small, long LargeArchiveBytes, Measurement Large, long UnitBytes)
{
    public long AllowanceBytes => (Small.PeakHeapBytes / 10) + UnitBytes;

    public bool HeapMeetsTarget => Large.PeakHeapBytes <= Small.PeakHeapBytes + AllowanceBytes;

    public bool LiveMeetsTarget => Large.PeakLiveBytes <= Small.PeakLiveBytes + (Small.PeakLiveBytes / 10) + UnitBytes;
}
