namespace S3Exchange.Tests.Storage;

/// <summary>
/// The store-wide upload buffer budget on its own (pure logic): leases wait once the capacity
/// is out and are served as buffers come back, continuing uploads first; a cancelled wait leases
/// nothing; synchronous leases never wait; free and leased arrays stay within the capacity.
/// </summary>
public sealed class BufferBudgetTests
{
    private const int Unit = 1000;

    [Fact]
    public async Task A_lease_waits_while_the_capacity_is_out_and_gets_a_returned_buffer()
    {
        var budget = new BufferBudget(2 * Unit);
        var first = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        var second = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);

        var third = budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        Assert.False(third.IsCompleted);
        budget.Return(first);

        Assert.Same(first, await third);
        Assert.Equal((2L * Unit, 2L * Unit, 3, 2L * Unit), (budget.LeasedBytes, budget.PeakLeasedBytes, budget.LeaseCount, budget.AllocatedBytes));
        budget.Return(second);
        budget.Return(first);
        Assert.Equal(0, budget.LeasedBytes);
    }

    [Fact]
    public async Task Continuing_leases_are_served_before_first_leases_that_waited_longer()
    {
        var budget = new BufferBudget(Unit);
        var held = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        var firstLease = budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        var continuingLease = budget.LeaseAsync(Unit, continuing: true, CancellationToken.None);

        budget.Return(held);

        Assert.Same(held, await continuingLease);
        Assert.False(firstLease.IsCompleted);
        budget.Return(held);
        Assert.Same(held, await firstLease);
    }

    [Fact]
    public async Task A_cancelled_wait_leases_nothing_and_lets_the_lease_behind_it_through()
    {
        var budget = new BufferBudget(2 * Unit);
        var held = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        // The large lease at the head does not fit, so the small one behind it waits too.
        var large = budget.LeaseAsync(2 * Unit, continuing: false, cancellation.Token);
        var small = budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        Assert.False(small.IsCompleted);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => large.AsTask());
        var smallBuffer = await small;
        Assert.Equal((2L * Unit, 2), (budget.LeasedBytes, budget.LeaseCount));
        budget.Return(held);
        budget.Return(smallBuffer);
        Assert.Equal(0, budget.LeasedBytes);
    }

    [Fact]
    public async Task A_synchronous_lease_never_waits_and_a_waiting_lease_waits_until_the_budget_is_back_under()
    {
        var budget = new BufferBudget(Unit);
        var held = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);

        var overdraft = budget.LeaseNow(Unit);
        var waiting = budget.LeaseAsync(Unit, continuing: true, CancellationToken.None);
        Assert.Equal(2L * Unit, budget.LeasedBytes);

        budget.Return(held);
        Assert.False(waiting.IsCompleted);
        budget.Return(overdraft);

        var granted = await waiting;
        Assert.Equal((Unit, 2L * Unit), (budget.LeasedBytes, budget.PeakLeasedBytes));
        budget.Return(granted);
        Assert.Equal(0, budget.LeasedBytes);
    }

    [Fact]
    public async Task Free_buffers_of_another_size_are_dropped_so_that_free_and_leased_stay_within_the_capacity()
    {
        var budget = new BufferBudget(2 * Unit);
        var a = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        var b = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        budget.Return(a);
        budget.Return(b);

        // Both free buffers are dropped to make room for the larger one, so the next small lease allocates again.
        var large = await budget.LeaseAsync(2 * Unit, continuing: false, CancellationToken.None);
        budget.Return(large);
        var small = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);

        Assert.Equal(5L * Unit, budget.AllocatedBytes);
        Assert.NotSame(a, small);
        Assert.NotSame(b, small);
    }

    [Fact]
    public async Task A_buffer_returned_twice_or_a_lease_larger_than_the_budget_is_refused()
    {
        var budget = new BufferBudget(Unit);
        var buffer = await budget.LeaseAsync(Unit, continuing: false, CancellationToken.None);
        budget.Return(buffer);

        var twice = Assert.Throws<InvalidOperationException>(() => budget.Return(buffer));
        var foreign = Assert.Throws<InvalidOperationException>(() => budget.Return(new byte[Unit]));
        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() => budget.LeaseAsync(Unit + 1, continuing: false, CancellationToken.None));

        Assert.Equal("A buffer of 1000 bytes was returned to the memory budget that is not out on lease.", twice.Message);
        Assert.Equal(twice.Message, foreign.Message);
        Assert.StartsWith("A buffer lease must be positive and at most the memory budget (1000 bytes).", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(0, budget.LeasedBytes);
    }
}
