namespace S3Exchange;

/// <summary>
/// The store-wide bound on upload buffers (<see cref="S3ExchangeStoreOptions.MemoryBudgetBytes"/>):
/// every part buffer of every <see cref="UploadStream"/>, single-put buffers included, is leased
/// from here, so concurrent uploads together hold at most the capacity, whatever their number
/// and part size. The budget owns its arrays: the leased ones and the free ones it keeps for the
/// next leases stay within the capacity together (a free array of another size is dropped to
/// make room), so the bound is on memory the store holds, not only on memory in use.
/// </summary>
/// <remarks>
/// <para>
/// No upload can deadlock on it. A lease waits only in <see cref="LeaseAsync"/>, which an upload
/// calls only when it holds no buffer that could go up only after the wait: its full parts are
/// then in flight, and those return their leases whatever the waiter waits for. A synchronous
/// write (<see cref="LeaseNow"/>) cannot wait: it takes its buffer at once, past the capacity if
/// need be, and the next waiting leases wait until the bytes out are back under it.
/// </para>
/// <para>
/// Waiters are served in order, the leases of uploads that already have parts
/// (<c>continuing</c>) before first leases, so the uploads under way finish before new ones take
/// the memory. A waiter at the head that does not fit yet holds back the ones behind it, so a
/// large lease is never starved by small ones.
/// </para>
/// </remarks>
internal sealed class BufferBudget
{
    private readonly object gate = new();
    private readonly LinkedList<Waiter> continuingWaiters = new();
    private readonly LinkedList<Waiter> firstWaiters = new();
    private readonly List<byte[]> free = [];
    private readonly HashSet<byte[]> leased = new(ReferenceEqualityComparer.Instance);
    private long leasedBytes;
    private long freeBytes;
    private long peakLeasedBytes;
    private long allocatedBytes;
    private int leaseCount;

    /// <param name="capacityBytes">The most bytes leased (and kept) at once.</param>
    public BufferBudget(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    /// <summary>The most bytes leased at once (past it only by synchronous writes, see <see cref="LeaseNow"/>).</summary>
    public long CapacityBytes { get; }

    /// <summary>Bytes leased now.</summary>
    public long LeasedBytes
    {
        get
        {
            lock (gate)
            {
                return leasedBytes;
            }
        }
    }

    /// <summary>The most bytes leased at one time so far.</summary>
    public long PeakLeasedBytes
    {
        get
        {
            lock (gate)
            {
                return peakLeasedBytes;
            }
        }
    }

    /// <summary>Bytes of the arrays this budget has allocated (a lease that found no free array of its size).</summary>
    public long AllocatedBytes
    {
        get
        {
            lock (gate)
            {
                return allocatedBytes;
            }
        }
    }

    /// <summary>Leases granted so far.</summary>
    public int LeaseCount
    {
        get
        {
            lock (gate)
            {
                return leaseCount;
            }
        }
    }

    /// <summary>
    /// A buffer of exactly <paramref name="size"/> bytes once that many fit in the budget. Call it
    /// only while holding no buffer that waits for this one (see the remarks).
    /// </summary>
    /// <param name="size">The buffer's length, at most <see cref="CapacityBytes"/>.</param>
    /// <param name="continuing">The upload already has parts: served before first leases.</param>
    /// <param name="cancellationToken">Gives up waiting; nothing is leased then.</param>
    public ValueTask<byte[]> LeaseAsync(int size, bool continuing, CancellationToken cancellationToken)
    {
        if (size <= 0 || size > CapacityBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A buffer lease must be positive and at most the memory budget ({CapacityBytes} bytes).");
        }

        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (gate)
        {
            var ahead = continuing ? continuingWaiters.Count : continuingWaiters.Count + firstWaiters.Count;
            if (ahead == 0 && leasedBytes + size <= CapacityBytes)
            {
                return ValueTask.FromResult(Take(size));
            }

            waiter = new Waiter(size);
            node = (continuing ? continuingWaiters : firstWaiters).AddLast(waiter);
        }

        waiter.Registration = cancellationToken.Register(() => Cancel(node, cancellationToken));
        if (waiter.Task.IsCompleted)
        {
            // Granted before the registration was stored: the grant may have missed it.
            waiter.Registration.Dispose();
        }

        return new ValueTask<byte[]>(waiter.Task);
    }

    /// <summary>
    /// A buffer of exactly <paramref name="size"/> bytes now, even past the capacity: for a
    /// synchronous write, which cannot wait and whose full parts go up only at the upload's next
    /// asynchronous call.
    /// </summary>
    public byte[] LeaseNow(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        lock (gate)
        {
            return Take(size);
        }
    }

    /// <summary>Gives a leased buffer back and serves the waiters it makes room for.</summary>
    /// <exception cref="InvalidOperationException">The buffer is not out on lease (returned twice, or never leased here).</exception>
    public void Return(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        List<(Waiter Waiter, byte[] Buffer)>? granted;
        lock (gate)
        {
            if (!leased.Remove(buffer))
            {
                throw new InvalidOperationException($"A buffer of {buffer.Length} bytes was returned to the memory budget that is not out on lease.");
            }

            leasedBytes -= buffer.Length;

            // Kept for the next lease only while what is held stays within the capacity (after a synchronous overdraft it is not).
            if (leasedBytes + freeBytes + buffer.Length <= CapacityBytes)
            {
                free.Add(buffer);
                freeBytes += buffer.Length;
            }

            granted = GrantWaiters();
        }

        Complete(granted);
    }

    // Under the lock: counts the lease and hands out a free array of the size, or a new one
    // after dropping free arrays until what is held fits the capacity.
    private byte[] Take(int size)
    {
        leasedBytes += size;
        peakLeasedBytes = Math.Max(peakLeasedBytes, leasedBytes);
        leaseCount++;
        var index = free.FindIndex(array => array.Length == size);
        byte[] buffer;
        if (index >= 0)
        {
            buffer = free[index];
            free[index] = free[^1];
            free.RemoveAt(free.Count - 1);
            freeBytes -= size;
        }
        else
        {
            while (free.Count > 0 && leasedBytes + freeBytes > CapacityBytes)
            {
                freeBytes -= free[^1].Length;
                free.RemoveAt(free.Count - 1);
            }

            buffer = GC.AllocateUninitializedArray<byte>(size);
            allocatedBytes += size;
        }

        leased.Add(buffer);
        return buffer;
    }

    // Under the lock: the waiters at the heads of the queues that now fit, in order.
    private List<(Waiter Waiter, byte[] Buffer)>? GrantWaiters()
    {
        List<(Waiter Waiter, byte[] Buffer)>? granted = null;
        while ((continuingWaiters.First ?? firstWaiters.First) is { } head && leasedBytes + head.Value.Size <= CapacityBytes)
        {
            head.List!.Remove(head);
            (granted ??= []).Add((head.Value, Take(head.Value.Size)));
        }

        return granted;
    }

    // Outside the lock. The registration is disposed after completing: LeaseAsync, storing it
    // meanwhile, then sees the task completed and disposes it itself.
    private static void Complete(List<(Waiter Waiter, byte[] Buffer)>? granted)
    {
        foreach (var (waiter, buffer) in granted ?? [])
        {
            waiter.Complete(buffer);
            waiter.Registration.Dispose();
        }
    }

    // A waiter given up: out of its queue (the ones behind it may fit now), unless already granted.
    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        List<(Waiter Waiter, byte[] Buffer)>? granted;
        lock (gate)
        {
            if (node.List is null)
            {
                return;
            }

            node.List.Remove(node);
            granted = GrantWaiters();
        }

        node.Value.Cancel(cancellationToken);
        Complete(granted);
    }

    private sealed class Waiter(int size)
    {
        private readonly TaskCompletionSource<byte[]> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Size { get; } = size;

        public CancellationTokenRegistration Registration { get; set; }

        public Task<byte[]> Task => completion.Task;

        public void Complete(byte[] buffer) => completion.SetResult(buffer);

        public void Cancel(CancellationToken cancellationToken) => completion.SetCanceled(cancellationToken);
    }
}
