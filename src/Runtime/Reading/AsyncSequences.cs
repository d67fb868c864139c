using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>
/// The async-sequence helpers the library needs; named apart from System.Linq's async
/// operators, which exist on .NET 10 but not on .NET 8.
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

    /// <summary>The first <paramref name="limit"/> items (all when null); the source is not asked for one more.</summary>
    public static async IAsyncEnumerable<T> Take<T>(IAsyncEnumerable<T> source, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
            if (++count == limit)
            {
                yield break;
            }
        }
    }

    /// <summary>The items that satisfy <paramref name="predicate"/>.</summary>
    public static async IAsyncEnumerable<T> Where<T>(IAsyncEnumerable<T> source, Func<T, bool> predicate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (predicate(item))
            {
                yield return item;
            }
        }
    }
}
