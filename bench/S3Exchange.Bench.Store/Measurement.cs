using System.Diagnostics;

namespace S3Exchange.Bench.Store;

/// <summary>One timed step: how long it took, the managed memory it needed at its peak and the process's resident memory (see <see cref="PeakMemorySampler"/>).</summary>
internal readonly record struct Measurement(TimeSpan Elapsed, long PeakHeapBytes, long PeakLiveBytes, long StartResidentBytes, long PeakResidentBytes)
{
    /// <summary>Times <paramref name="step"/> while sampling the managed heap.</summary>
    public static async Task<Measurement> TakeAsync(Func<Task> step)
    {
        var memory = PeakMemorySampler.Start();
        var clock = Stopwatch.StartNew();
        try
        {
            await step().ConfigureAwait(false);
        }
        finally
        {
            clock.Stop();
            memory.Dispose();
        }

        return new Measurement(clock.Elapsed, memory.PeakHeapAboveStartBytes, memory.PeakLiveAboveStartBytes, memory.StartResidentBytes, memory.PeakResidentBytes);
    }

    /// <summary>The same step as if it had been run <paramref name="factor"/> times as often (the peak stays).</summary>
    public Measurement ScaledBy(double factor) => this with { Elapsed = Elapsed * factor };

    /// <summary>Resident bytes the step added at its peak to what the process held as it started.</summary>
    public long PeakResidentAboveStartBytes => Math.Max(0, PeakResidentBytes - StartResidentBytes);
}
