using System.Diagnostics;
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
    private readonly string operation;
    private readonly string bucket;
    private readonly string manifestKey;
    private readonly Func<ManifestQuery<T>, CancellationToken, IAsyncEnumerable<T>> source;
    private readonly CancellationToken callToken;
    private readonly List<ShardReadException> skipped = [];

    /// <param name="operation">The store operation, for its activity and duration (<see cref="S3ExchangeTelemetry"/>).</param>
    /// <param name="bucket">The store's bucket.</param>
    /// <param name="manifestKey">The manifest's full key.</param>
    /// <param name="source">The sequence, made anew for each enumeration.</param>
    /// <param name="callToken">The token given to the call.</param>
    internal ManifestQuery(string operation, string bucket, string manifestKey, Func<ManifestQuery<T>, CancellationToken, IAsyncEnumerable<T>> source, CancellationToken callToken)
    {
        this.operation = operation;
        this.bucket = bucket;
        this.manifestKey = manifestKey;
        this.source = source;
        this.callToken = callToken;
    }

    /// <summary>The shard archives that could not be read and were skipped, with the reason.</summary>
    public IReadOnlyList<ShardReadException> SkippedShards => skipped;

    /// <inheritdoc/>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        RunAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    internal void RecordSkipped(ShardReadException reason) => skipped.Add(reason);

    // The token given to the call and the one given to the enumeration both cancel. One
    // enumeration is one operation: its activity spans it, a failure on the way marks it.
    private async IAsyncEnumerable<T> RunAsync([EnumeratorCancellation] CancellationToken enumerationToken)
    {
        skipped.Clear();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, enumerationToken);
        using var activity = S3ExchangeTelemetry.Start(operation, bucket, manifestKey);
        var started = Stopwatch.GetTimestamp();
        var items = source(this, linked.Token).WithCancellation(linked.Token).ConfigureAwait(false).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    S3ExchangeTelemetry.Fail(activity, operation, started, ex);
                    throw;
                }

                yield return items.Current;
            }
        }
        finally
        {
            await items.DisposeAsync();
        }

        S3ExchangeTelemetry.RecordDuration(operation, started, null);
    }
}
