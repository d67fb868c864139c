using System.Diagnostics.Tracing;

namespace S3Exchange.Tests.Streaming;

/// <summary>
/// Follows the shared array pool's buffers of one size through its event source
/// (<c>System.Buffers.ArrayPoolEventSource</c>): how many were rented at once at most, and how
/// many the pool had to allocate. Exact whichever threads rent and return, where counting bytes
/// allocated is not: a buffer returned on one thread waits in that thread's own slot, and a rent
/// on another thread allocates a new one.
/// </summary>
internal sealed class PooledBufferLog : EventListener
{
    private readonly HashSet<int> rented = [];
    private readonly int bufferSize;
    private int peakRented;
    private int allocated;

    // Events that come while the base constructor enables the source (before the size is set) are not counted.
    public PooledBufferLog(int bufferSize) => this.bufferSize = bufferSize;

    /// <summary>The most buffers of the size out of the pool at one time since this log began.</summary>
    public int PeakRented
    {
        get
        {
            lock (rented)
            {
                return peakRented;
            }
        }
    }

    /// <summary>Buffers of the size the pool allocated (it had none to lend) since this log began.</summary>
    public int Allocated
    {
        get
        {
            lock (rented)
            {
                return allocated;
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Buffers.ArrayPoolEventSource")
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    // Payloads: BufferRented(bufferId, bufferSize, poolId, bucketId), BufferAllocated(bufferId,
    // bufferSize, poolId, bucketId, reason), BufferReturned(bufferId, bufferSize, poolId).
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is not [int id, int size, ..])
        {
            return;
        }

        lock (rented)
        {
            if (size != bufferSize)
            {
                return;
            }

            switch (eventData.EventName)
            {
                case "BufferRented":
                    rented.Add(id);
                    peakRented = Math.Max(peakRented, rented.Count);
                    break;
                case "BufferAllocated":
                    allocated++;
                    break;
                case "BufferReturned":
                    rented.Remove(id);
                    break;
                default:
                    break;
            }
        }
    }
}
