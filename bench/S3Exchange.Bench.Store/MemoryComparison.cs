namespace S3Exchange.Bench.Store;

/// <summary>
/// One row of the memory table: the same operation on a small and a large archive. Streaming
/// holds memory flat, so the large one may peak above the small one by at most
/// <see cref="AllowanceBytes"/>: 10% plus the largest member. Judged on the sampled heap peak
/// (garbage included), the stricter of the two figures.
/// </summary>
internal sealed record MemoryComparison(string Operation, long SmallArchiveBytes, Measurement Small, long LargeArchiveBytes, Measurement Large, long LargestMemberBytes)
{
    public long AllowanceBytes => (Small.PeakHeapBytes / 10) + LargestMemberBytes;

    public bool MeetsTarget => Large.PeakHeapBytes <= Small.PeakHeapBytes + AllowanceBytes;
}
