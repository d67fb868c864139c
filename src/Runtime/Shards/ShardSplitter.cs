namespace S3Exchange;

/// <summary>Splits items into shard batches, as the reference's <c>Shard.split_items</c> does.</summary>
public static class ShardSplitter
{
    /// <summary>
    /// Cuts <paramref name="items"/> into consecutive batches. A new batch starts when adding the
    /// next item would exceed <paramref name="maxEntries"/>, or would push the batch's byte total
    /// past <paramref name="maxBytes"/>; an item larger than <paramref name="maxBytes"/> gets a
    /// batch of its own. With neither limit, everything is one batch. Lazy: batches are produced
    /// as the input is read.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public static IEnumerable<IReadOnlyList<T>> Split<T>(IEnumerable<T> items, Func<T, long> sizeOf, int? maxEntries = null, long? maxBytes = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(sizeOf);
        if (maxEntries is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEntries), maxEntries, "maxEntries must be positive when given.");
        }

        if (maxBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "maxBytes must be positive when given.");
        }

        return SplitIterator(items, sizeOf, maxEntries, maxBytes);
    }

    /// <summary>Splits shard items by their sizes; see <see cref="Split{T}"/>.</summary>
    public static IEnumerable<IReadOnlyList<ShardItem>> Split(IEnumerable<ShardItem> items, int? maxEntries = null, long? maxBytes = null) =>
        Split(items, item => item.SizeBytes, maxEntries, maxBytes);

    private static IEnumerable<IReadOnlyList<T>> SplitIterator<T>(IEnumerable<T> items, Func<T, long> sizeOf, int? maxEntries, long? maxBytes)
    {
        var batch = new List<T>();
        long bytes = 0;
        foreach (var item in items)
        {
            var size = sizeOf(item);
            var full = batch.Count > 0 && ((maxEntries is { } e && batch.Count + 1 > e) || (maxBytes is { } b && bytes + size > b));
            if (full)
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(item);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
