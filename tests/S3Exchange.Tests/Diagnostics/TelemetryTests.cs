using System.Diagnostics;
using System.Diagnostics.Metrics;
using S3Exchange.Testing;

namespace S3Exchange.Tests.Diagnostics;

/// <summary>
/// The store's activities and instruments, seen with an <see cref="ActivityListener"/> and a
/// <see cref="MeterListener"/> in the test process. Other tests may run meanwhile, so
/// everything is picked out by this test's keys: a measurement belongs to the activity that is
/// current when it is taken.
/// </summary>
[Collection("S3")]
public sealed class TelemetryTests : IDisposable
{
    private readonly S3ServerFixture server;
    private readonly List<Activity> activities = [];
    private readonly List<Measurement> measurements = [];
    private readonly ActivityListener activityListener;
    private readonly MeterListener meterListener = new();

    public TelemetryTests(S3ServerFixture server)
    {
        this.server = server;
        activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == S3ExchangeTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == S3ExchangeTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        meterListener.Start();
    }

    public void Dispose()
    {
        meterListener.Dispose();
        activityListener.Dispose();
    }

    [Fact]
    public async Task Each_operation_is_one_activity_tagged_with_bucket_and_full_key()
    {
        var store = server.CreateStore();
        var entry = await store.PutObjectAsync("trace/a.txt", "alpha"u8.ToArray());
        await store.WriteManifestAsync("trace/manifest.jsonl", [entry]);
        await foreach (var unused in store.ReadManifestEntriesAsync("trace/manifest.jsonl"))
        {
        }

        var manifestKey = store.ResolveKey("trace/manifest.jsonl");
        var mine = Mine(store);
        Assert.Equal(["S3Exchange.PutObject", "S3Exchange.WriteManifest", "S3Exchange.ReadManifestEntries"], mine.Select(a => a.OperationName));
        Assert.All(mine, a => Assert.Equal(server.Bucket, a.GetTagItem("aws.s3.bucket")));
        Assert.Equal([entry.Key, manifestKey, manifestKey], mine.Select(a => a.GetTagItem("aws.s3.key")));
        Assert.All(mine, a => Assert.Equal(ActivityStatusCode.Unset, a.Status));
    }

    [Fact]
    public async Task A_failed_operation_has_status_error_and_the_exception_type()
    {
        var store = server.CreateStore();

        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetObjectAsync("trace/missing.txt"));
        await Assert.ThrowsAsync<ManifestNotFoundException>(async () =>
        {
            await foreach (var unused in store.ReadManifestEntriesAsync("trace/missing.jsonl"))
            {
            }
        });

        var mine = Mine(store);
        Assert.Equal(["S3Exchange.GetObject", "S3Exchange.ReadManifestEntries"], mine.Select(a => a.OperationName));
        Assert.All(mine, a => Assert.Equal(ActivityStatusCode.Error, a.Status));
        Assert.Equal([typeof(ObjectNotFoundException).FullName, typeof(ManifestNotFoundException).FullName], mine.Select(a => a.GetTagItem("error.type")));
        var failed = Measurements(store, "s3exchange.operation.duration");
        Assert.Equal([typeof(ObjectNotFoundException).FullName, typeof(ManifestNotFoundException).FullName], failed.Select(m => m.Tags["error.type"]));
    }

    [Fact]
    public async Task Requests_bytes_and_durations_are_measured_inside_the_operation_that_caused_them()
    {
        var store = server.CreateStore();
        var content = new byte[3000];
        Random.Shared.NextBytes(content);

        await store.PutObjectAsync("trace/b.bin", content);
        var read = await store.GetObjectAsync("trace/b.bin");
        await using (read)
        {
            await read.CopyToAsync(Stream.Null);
        }

        var requests = Measurements(store, "s3exchange.requests");
        Assert.Equal(["PutObject", "GetObject"], requests.Select(m => m.Tags["aws.operation"]));
        Assert.All(requests, m => Assert.Equal(1, m.Value));
        var sent = Measurements(store, "s3exchange.bytes").Where(m => Equals(m.Tags["direction"], "sent")).Sum(m => m.Value);
        Assert.Equal(3000, sent);
        var durations = Measurements(store, "s3exchange.operation.duration");
        Assert.Equal(["PutObject", "GetObject"], durations.Select(m => m.Tags["s3exchange.operation"]));
        Assert.All(durations, m => Assert.InRange(m.Value, 0, 60));
        Assert.All(durations, m => Assert.False(m.Tags.ContainsKey("error.type")));
    }

    [Fact]
    public async Task Bytes_read_from_an_object_are_counted_as_received_as_they_are_read()
    {
        var store = server.CreateStore();
        await store.PutObjectAsync("trace/c.bin", new byte[5000]);
        using var parent = new Activity("test-read").SetTag("aws.s3.key", store.ResolveKey("trace/c.bin")).Start();

        var read = await store.GetObjectAsync("trace/c.bin");
        await using (read)
        {
            await read.CopyToAsync(Stream.Null);
        }

        parent.Stop();
        var received = Measurements(store, "s3exchange.bytes").Where(m => Equals(m.Tags["direction"], "received")).Sum(m => m.Value);
        Assert.Equal(5000, received);
    }

    private List<Activity> Mine(S3ExchangeStore store)
    {
        lock (activities)
        {
            return activities.Where(a => a.GetTagItem("aws.s3.key") is string key && key.StartsWith(store.Options.BasePrefix + "/", StringComparison.Ordinal)).ToList();
        }
    }

    private List<Measurement> Measurements(S3ExchangeStore store, string instrument)
    {
        lock (measurements)
        {
            return measurements.Where(m => m.Instrument == instrument && m.Key is { } key && key.StartsWith(store.Options.BasePrefix + "/", StringComparison.Ordinal)).ToList();
        }
    }

    // The key of the operation the measurement was taken in: the nearest activity that names one.
    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        string? key = null;
        for (var activity = Activity.Current; activity is not null && key is null; activity = activity.Parent)
        {
            key = activity.GetTagItem("aws.s3.key") as string;
        }

        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (measurements)
        {
            measurements.Add(new Measurement(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy, key));
        }
    }

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags, string? Key);
}
