using System.Runtime.CompilerServices;

namespace S3Exchange;

/// <summary>
/// A lazy sequence read from a manifest. Enumerating it issues the requests; when
/// <see cref="ReadObjectsOptions.SkipUnreadableShards"/> is set, the shards it had to skip are
/// in <see cref="SkippedShards"/> once enumeration ends.
/// </summary>
/// <typeparam name="T">What is yielded.</typeparam>
public sealed class ManifestQuery<T> : IAsyncEnumerable<T>
{
    private readonly Func<ManifestQuery<T>, CancellationToken, IAsyncEnumerable<T>> source;
    private readonly CancellationToken callToken;
    private readonly List<ShardReadException> skipped = [];

    internal ManifestQuery(Func<ManifestQuery<T>, CancellationToken, IAsyncEnumerable<T>> source, CancellationToken callToken)
    {
        this.source = source;
        this.callToken = callToken;
    }

    /// <summary>The shard archives that could not be read and were skipped, with the reason.</summary>
    public IReadOnlyList<ShardReadException> SkippedShards => skipped;

    /// <inheritdoc/>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        RunAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    internal void RecordSkipped(ShardReadException reason) => skipped.Add(reason);

    // The token given to the call and the one given to the enumeration both cancel.
    private async IAsyncEnumerable<T> RunAsync([EnumeratorCancellation] CancellationToken enumerationToken)
    {
        skipped.Clear();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, enumerationToken);
        await foreach (var item in source(this, linked.Token).WithCancellation(linked.Token).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
