using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace S3Exchange;

/// <summary>
/// The names under which the store reports traces and metrics, for
/// <c>AddSource(S3ExchangeTelemetry.ActivitySourceName)</c> / <c>AddMeter(S3ExchangeTelemetry.MeterName)</c>
/// in OpenTelemetry or an <see cref="ActivityListener"/> / <see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// One activity per public store operation, named <c>S3Exchange.{Operation}</c> (e.g.
/// <c>S3Exchange.WriteManifest</c>), tagged <c>aws.s3.bucket</c>, <c>aws.s3.key</c> (the full key)
/// and, on failure, <c>error.type</c> with status Error. Instruments: see docs/observability.md.
/// </remarks>
public static class S3ExchangeTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name: <c>S3Exchange</c>.</summary>
    public const string ActivitySourceName = "S3Exchange";

    /// <summary>The <see cref="Meter"/> name: <c>S3Exchange</c>.</summary>
    public const string MeterName = "S3Exchange";

    private static readonly string? Version = typeof(S3ExchangeTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    /// <summary><c>s3exchange.operation.duration</c> (s): each public operation, tagged <c>s3exchange.operation</c> and <c>error.type</c> on failure.</summary>
    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>("s3exchange.operation.duration", "s", "Duration of S3Exchange store operations.");

    /// <summary><c>s3exchange.requests</c>: S3 requests sent, tagged <c>aws.operation</c> (GetObject, PutObject, …).</summary>
    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("s3exchange.requests", "{request}", "S3 requests the store sent (SDK retries not counted).");

    /// <summary><c>s3exchange.bytes</c> (By): payload bytes, tagged <c>direction</c> = sent or received.</summary>
    internal static readonly Counter<long> Bytes = Meter.CreateCounter<long>("s3exchange.bytes", "By", "Object payload bytes sent and received.");

    /// <summary><c>s3exchange.manifest.append.retries</c>: root manifest writes redone (another writer, or a lost write repaired).</summary>
    internal static readonly Counter<long> AppendRetries = Meter.CreateCounter<long>("s3exchange.manifest.append.retries", "{retry}", "Root manifest appends retried because of another writer.");

    private static readonly KeyValuePair<string, object?> Sent = new("direction", "sent");
    private static readonly KeyValuePair<string, object?> Received = new("direction", "received");

    internal static void CountRequest(string operation)
    {
        if (Requests.Enabled)
        {
            Requests.Add(1, new KeyValuePair<string, object?>("aws.operation", operation));
        }
    }

    internal static void CountBytesSent(long bytes) => Bytes.Add(bytes, Sent);

    internal static void CountBytesReceived(long bytes) => Bytes.Add(bytes, Received);

    /// <summary>Runs a public operation inside its activity (when anyone listens) and records its duration.</summary>
    internal static async Task<T> TraceAsync<T>(string operation, string bucket, string? key, Func<Task<T>> work)
    {
        using var activity = Start(operation, bucket, key);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await work().ConfigureAwait(false);
            RecordDuration(operation, started, null);
            return result;
        }
        catch (Exception ex)
        {
            Fail(activity, operation, started, ex);
            throw;
        }
    }

    /// <inheritdoc cref="TraceAsync{T}"/>
    internal static Task TraceAsync(string operation, string bucket, string? key, Func<Task> work) =>
        TraceAsync(operation, bucket, key, async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        });

    /// <summary>Starts the activity of a public operation (null when nobody listens).</summary>
    internal static Activity? Start(string operation, string bucket, string? key)
    {
        var activity = Source.StartActivity("S3Exchange." + operation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("aws.s3.bucket", bucket);
            if (key is not null)
            {
                activity.SetTag("aws.s3.key", key);
            }
        }

        return activity;
    }

    /// <summary>Marks an operation failed: activity status and <c>error.type</c>, and its duration with that tag.</summary>
    internal static void Fail(Activity? activity, string operation, long started, Exception exception)
    {
        var type = exception.GetType().FullName;
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", type);
        RecordDuration(operation, started, type);
    }

    /// <summary>Records an operation's duration since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    internal static void RecordDuration(string operation, long started, string? errorType)
    {
        if (!OperationDuration.Enabled)
        {
            return;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var tag = new KeyValuePair<string, object?>("s3exchange.operation", operation);
        if (errorType is null)
        {
            OperationDuration.Record(seconds, tag);
        }
        else
        {
            OperationDuration.Record(seconds, tag, new KeyValuePair<string, object?>("error.type", errorType));
        }
    }
}
