using System.Diagnostics;
using S3Exchange;

namespace WorkerService;

/// <summary>Prints each finished S3Exchange activity: what an OpenTelemetry exporter would receive.</summary>
internal static class ConsoleTraces
{
    public static ActivityListener Start()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == S3ExchangeTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Console.WriteLine(
                $"trace: {activity.OperationName} key={activity.GetTagItem("aws.s3.key")} {activity.Duration.TotalMilliseconds:0} ms {activity.Status}"),
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
