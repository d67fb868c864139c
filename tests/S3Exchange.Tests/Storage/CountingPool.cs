using System.Buffers;

namespace S3Exchange.Tests.Storage;

/// <summary>A pool that hands out new arrays and counts which have come back.</summary>
internal sealed class CountingPool : ArrayPool<byte>
{
    private readonly HashSet<byte[]> outstanding = new(ReferenceEqualityComparer.Instance);
    private int rented;
    private int unknownReturns;
    private int peakOutstanding;

    /// <summary>Called with the count of rents so far, before the array is handed out (it may throw).</summary>
    public Action<int>? OnRent { get; init; }

    /// <summary>Called with the length asked for, before anything is rented (it may throw).</summary>
    public Action<int>? OnRentLength { get; init; }

    public int Rented => Volatile.Read(ref rented);

    public int Outstanding
    {
        get
        {
            lock (outstanding)
            {
                return outstanding.Count;
            }
        }
    }

    /// <summary>The most arrays out at one time.</summary>
    public int PeakOutstanding => Volatile.Read(ref peakOutstanding);

    /// <summary>Arrays returned that were not out: returned twice, or never rented here.</summary>
    public int UnknownReturns => Volatile.Read(ref unknownReturns);

    public override byte[] Rent(int minimumLength)
    {
        OnRentLength?.Invoke(minimumLength);
        var array = new byte[minimumLength];
        lock (outstanding)
        {
            outstanding.Add(array);
            peakOutstanding = Math.Max(peakOutstanding, outstanding.Count);
        }

        var count = Interlocked.Increment(ref rented);
        OnRent?.Invoke(count);
        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (outstanding)
        {
            if (!outstanding.Remove(array))
            {
                unknownReturns++;
            }
        }
    }
}
