using System.Diagnostics;
using S3Exchange.Testing;

namespace S3Exchange.Bench.Publish;

/// <summary>What one publish (scan, plan, HEADs, uploads, manifest) cost: requests and PUTs counted at a pass-through proxy, bytes sent, files read, wall time.</summary>
internal sealed record PublishCost(long Requests, int Puts, long BytesSent, int FilesHashed, TimeSpan Elapsed);

/// <summary>A publish through a store whose requests go through <see cref="FaultProxy"/>, with what it cost.</summary>
internal static class CountedPublish
{
    public static async Task<PublishCost> RunAsync(S3ExchangeStore store, FaultProxy proxy, PublishRequest request)
    {
        var requests = proxy.Counters.Requests;
        var puts = proxy.Counters.RequestsUnder("PUT", "/");
        var clock = Stopwatch.StartNew();
        var report = await store.PublishAsync(request);
        clock.Stop();
        return new PublishCost(proxy.Counters.Requests - requests, proxy.Counters.RequestsUnder("PUT", "/") - puts, report.BytesUploaded, report.Plan.FilesHashed, clock.Elapsed);
    }
}
