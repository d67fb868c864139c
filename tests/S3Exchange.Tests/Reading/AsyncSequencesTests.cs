using System.Runtime.CompilerServices;

namespace S3Exchange.Tests.Reading;

public sealed class AsyncSequencesTests
{
    [Fact]
    public async Task Take_stops_without_asking_the_source_for_one_more()
    {
        var produced = 0;

        var taken = await AsyncSequences.CollectAsync(AsyncSequences.Take(Numbers(() => produced++), 2, CancellationToken.None), CancellationToken.None);

        Assert.Equal([0, 1], taken);
        Assert.Equal(2, produced);
    }

    [Fact]
    public async Task Take_without_a_limit_yields_everything()
    {
        var taken = await AsyncSequences.CollectAsync(AsyncSequences.Take(Numbers(() => { }, count: 5), null, CancellationToken.None), CancellationToken.None);

        Assert.Equal([0, 1, 2, 3, 4], taken);
    }

    [Fact]
    public async Task Where_yields_only_the_items_that_match_in_order()
    {
        var even = await AsyncSequences.CollectAsync(AsyncSequences.Where(Numbers(() => { }, count: 7), n => n % 2 == 0, CancellationToken.None), CancellationToken.None);

        Assert.Equal([0, 2, 4, 6], even);
    }

    private static async IAsyncEnumerable<int> Numbers(Action onProduced, int count = int.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            onProduced();
            yield return i;
        }
    }
}
