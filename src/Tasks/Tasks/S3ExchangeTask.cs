using System.Threading.Channels;
using Microsoft.Build.Framework;
using S3Exchange.Build.Configuration;
using S3Exchange.Build.Diagnostics;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace S3Exchange.Build.Tasks;

/// <summary>
/// What the S3Exchange tasks share: the connection properties, cancellation, and one way of
/// running async work inside a synchronous <see cref="Execute"/>. Work runs on the thread
/// pool; its messages travel through a channel and are logged from the thread MSBuild called
/// <see cref="Execute"/> on, since build-engine callbacks are only safe from that thread.
/// Every failure becomes one MSBuild error with an S3XB code (exception detail at Low importance).
/// </summary>
public abstract class S3ExchangeTask : MSBuildTask, ICancelableTask
{
    private readonly CancellationTokenSource cancellation = new();
    private string serverDescription = "(not resolved)";
    private string bucketName = "(not resolved)";

    /// <summary>The S3 server URL, or <c>aws</c>; falls back to <c>S3_ENDPOINT_URL</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The signing region; falls back to <c>S3_REGION</c>.</summary>
    public string? Region { get; set; }

    /// <summary>The bucket; falls back to <c>S3_BUCKET</c>.</summary>
    public string? Bucket { get; set; }

    /// <summary>A prefix in front of every key.</summary>
    public string? BasePrefix { get; set; }

    /// <summary><c>true</c>/<c>false</c>: path-style URLs (default: on for a custom endpoint).</summary>
    public string? ForcePathStyle { get; set; }

    /// <summary>Requests in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>How the SDK retries failed requests, <c>standard</c> or <c>adaptive</c>; falls back to <c>S3_RETRY_MODE</c>.</summary>
    public string? RetryMode { get; set; }

    /// <summary>Attempts per request, the first included (1: no retries); falls back to <c>S3_MAX_ATTEMPTS</c>.</summary>
    public string? MaxAttempts { get; set; }

    /// <inheritdoc/>
    public void Cancel() => cancellation.Cancel();

    /// <inheritdoc/>
    public override bool Execute()
    {
        var messages = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var work = Task.Run(async () =>
        {
            try
            {
                await RunAsync(message => messages.Writer.TryWrite(message), cancellation.Token).ConfigureAwait(false);
            }
            finally
            {
                messages.Writer.Complete();
            }
        });

        while (messages.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (messages.Reader.TryRead(out var message))
            {
                Log.LogMessage(MessageImportance.Normal, message);
            }
        }

        try
        {
            work.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Log.LogError(null, ErrorCodes.Cancelled, null, null, 0, 0, 0, 0, $"{GetType().Name} was cancelled; nothing was committed (no manifest was written). Run the build again to finish: what was stored is kept and not sent again.");
        }
        catch (Exception ex)
        {
            var failure = FailureClassifier.Classify(ex, serverDescription, bucketName);
            Log.LogError(null, failure.Code, null, null, 0, 0, 0, 0, failure.Message);
            Log.LogMessage(MessageImportance.Low, (failure.InnerException ?? failure).ToString());
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The task's work; <paramref name="report"/> logs a line at normal importance from any thread.</summary>
    private protected abstract Task RunAsync(Action<string> report, CancellationToken cancellationToken);

    /// <summary>The connection from the task's properties and the environment; remembered for error messages.</summary>
    private protected (S3Connection Connection, S3ExchangeSettings Settings) ResolveConnection()
    {
        var connection = new S3Connection
        {
            Endpoint = Endpoint,
            Region = Region,
            Bucket = Bucket,
            BasePrefix = BasePrefix,
            ForcePathStyle = ForcePathStyle,
            MaxConcurrency = MaxConcurrency,
            RetryMode = RetryMode,
            MaxAttempts = MaxAttempts,
        };
        var settings = connection.ResolveSettings();
        serverDescription = S3Connection.Describe(settings);
        bucketName = settings.Bucket;
        return (connection, settings);
    }
}
