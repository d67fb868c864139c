namespace S3Exchange;

/// <summary>
/// The one async-sequence helper the library needs; named apart from System.Linq's
/// ToListAsync, which exists on .NET 10 but not on .NET 8.
/// </summary>
internal static class AsyncSequences
{
    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
