using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace S3Exchange.Tests.Deletion;

/// <summary>The batching and pipelining of prefix deletion, over an in-memory key listing and delete call.</summary>
public sealed class PrefixDeleterTests
{
    private static readonly IReadOnlyDictionary<string, string> NoneRefused = new Dictionary<string, string>();

    [Fact]
    public async Task Keys_go_in_full_batches_and_the_rest_in_a_last_one()
    {
        var batches = new List<int>();
        var deleter = new PrefixDeleter((keys, _) => { batches.Add(keys.Count); return Task.FromResult(NoneRefused); }, batchSize: 1000);

        var deleted = await deleter.DeleteAsync(Keys(2500), null, "p/", CancellationToken.None);

        Assert.Equal(2500, deleted);
        Assert.Equal([1000, 1000, 500], batches);
    }

    [Fact]
    public async Task Only_keys_the_filter_matches_are_deleted()
    {
        var sent = new List<string>();
        var deleter = new PrefixDeleter((keys, _) => { sent.AddRange(keys); return Task.FromResult(NoneRefused); }, batchSize: 2);

        var deleted = await deleter.DeleteAsync(Keys(6), new Regex("[135]$"), "p/", CancellationToken.None);

        Assert.Equal(3, deleted);
        Assert.Equal(["p/1", "p/3", "p/5"], sent);
    }

    [Fact]
    public async Task The_listing_goes_on_while_a_batch_is_deleted_with_one_batch_in_flight()
    {
        var listedPastFirstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var mostInFlight = 0;
        var deleter = new PrefixDeleter(
            async (keys, _) =>
            {
                mostInFlight = Math.Max(mostInFlight, Interlocked.Increment(ref inFlight));

                // The first batch finishes only once a key after it has been listed: a deleter
                // that waited for the batch before listing on would time out here.
                if (keys[0] == "p/0")
                {
                    await listedPastFirstBatch.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }

                Interlocked.Decrement(ref inFlight);
                return NoneRefused;
            },
            batchSize: 2);

        var deleted = await deleter.DeleteAsync(Keys(6, onKey: i => { if (i == 3) { listedPastFirstBatch.TrySetResult(); } }), null, "p/", CancellationToken.None);

        Assert.Equal(6, deleted);
        Assert.Equal(1, mostInFlight);
    }

    [Fact]
    public async Task A_listing_that_fails_is_reported_after_the_batch_in_flight_has_finished()
    {
        var batchFinished = false;
        var deleter = new PrefixDeleter(
            async (_, _) =>
            {
                await Task.Delay(200);
                batchFinished = true;
                return NoneRefused;
            },
            batchSize: 2);

        var ex = await Assert.ThrowsAsync<IOException>(() => deleter.DeleteAsync(Keys(3, failAfter: 2), null, "p/", CancellationToken.None));

        Assert.Equal("listing failed", ex.Message);
        Assert.True(batchFinished);
    }

    [Fact]
    public async Task Refused_keys_are_one_AggregateException_after_every_batch_was_sent()
    {
        var batches = 0;
        var deleter = new PrefixDeleter(
            (keys, _) =>
            {
                batches++;
                IReadOnlyDictionary<string, string> refused = keys.Where(k => k is "p/1" or "p/4").ToDictionary(k => k, _ => "AccessDenied: no");
                return Task.FromResult(refused);
            },
            batchSize: 2);

        var ex = await Assert.ThrowsAsync<AggregateException>(() => deleter.DeleteAsync(Keys(5), null, "p/", CancellationToken.None));

        Assert.Equal(3, batches);
        Assert.StartsWith("Deleted 3 objects under 'p/'; 2 could not be deleted.", ex.Message);
        Assert.Equal(["Could not delete 'p/1': AccessDenied: no", "Could not delete 'p/4': AccessDenied: no"], ex.InnerExceptions.Select(e => e.Message));
    }

    private static async IAsyncEnumerable<string> Keys(int count, Action<int>? onKey = null, int? failAfter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            if (i == failAfter)
            {
                throw new IOException("listing failed");
            }

            await Task.Yield();
            onKey?.Invoke(i);
            yield return $"p/{i}";
        }
    }
}
