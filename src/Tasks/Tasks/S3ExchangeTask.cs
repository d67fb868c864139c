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
/// Every failure becomes an MSBuild error with an S3XB code (exception detail at Low importance);
/// every message's text is in Resources/Strings.resx.
/// </summary>
public abstract class S3ExchangeTask : MSBuildTask, ICancelableTask
{
    private readonly CancellationTokenSource cancellation = new();
    private string serverDescription = "(not resolved)";
    private string bucketName = "(not resolved)";

    /// <summary>Creates the task with the package's message resources.</summary>
    private protected S3ExchangeTask()
        : base(TaskStrings.Resources)
    {
    }

    /// <summary>The S3 server URL, or <c>aws</c>; falls back to <c>S3_ENDPOINT_URL</c>, <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ENDPOINT_URL</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The signing region; falls back to <c>S3_REGION</c>, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>.</summary>
    public string? Region { get; set; }

    /// <summary>The bucket; falls back to <c>S3_BUCKET</c>.</summary>
    public string? Bucket { get; set; }

    /// <summary>A prefix in front of every key.</summary>
    public string? BasePrefix { get; set; }

    /// <summary><c>true</c>/<c>false</c>: path-style URLs (default: on for a custom endpoint).</summary>
    public string? ForcePathStyle { get; set; }

    /// <summary>Requests in flight at once; empty: the runtime's default.</summary>
    public string? MaxConcurrency { get; set; }

    /// <summary>How the SDK retries failed requests, <c>standard</c> or <c>adaptive</c>; falls back to <c>S3_RETRY_MODE</c>.</summary>
    public string? RetryMode { get; set; }

    /// <summary>Attempts per request, the first included (1: no retries); falls back to <c>S3_MAX_ATTEMPTS</c>.</summary>
    public string? MaxAttempts { get; set; }

    /// <summary>A file to append the Markdown summary to: the targets pass <c>$(GITHUB_STEP_SUMMARY)</c>. Nothing is written when empty.</summary>
    public string? StepSummaryFile { get; set; }

    /// <summary>A file to append the step outputs to (<c>name=value</c> lines): the targets pass <c>$(GITHUB_OUTPUT)</c>. Nothing is written when empty.</summary>
    public string? StepOutputFile { get; set; }

    /// <inheritdoc/>
    public void Cancel() => cancellation.Cancel();

    /// <inheritdoc/>
    public override bool Execute()
    {
        var messages = Channel.CreateUnbounded<LogLine>(new UnboundedChannelOptions { SingleReader = true });
        var work = Task.Run(async () =>
        {
            try
            {
                await RunAsync(new TaskLog(messages.Writer), cancellation.Token).ConfigureAwait(false);
            }
            finally
            {
                messages.Writer.Complete();
            }
        });

        while (messages.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (messages.Reader.TryRead(out var line))
            {
                Log.LogMessageFromResources(line.Importance, line.ResourceName, line.Arguments);
            }
        }

        try
        {
            work.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            LogFailure("Cancelled", [GetType().Name]);
        }
        catch (InvalidPropertiesException invalid)
        {
            foreach (var problem in invalid.Problems)
            {
                LogFailure(problem.ResourceName, problem.Arguments);
            }
        }
        catch (Exception ex)
        {
            var failure = FailureClassifier.Classify(ex, serverDescription, bucketName);
            LogFailure(failure.ResourceName, failure.Arguments);
            Log.LogMessage(MessageImportance.Low, (failure.InnerException ?? failure).ToString());
        }

        return !Log.HasLoggedErrors;
    }

    // MSBuild's own code extraction (LogErrorWithCodeFromResources) only knows codes of letters
    // then digits, which "S3XB001" is not, so the code is taken from the text here.
    private void LogFailure(string resourceName, object[] arguments) =>
        Log.LogError(null, TaskStrings.Code(resourceName), null, null, 0, 0, 0, 0, TaskStrings.FormatWithoutCode(resourceName, arguments));

    /// <summary>The task's work; <paramref name="log"/> takes messages from any thread.</summary>
    private protected abstract Task RunAsync(TaskLog log, CancellationToken cancellationToken);

    /// <summary>
    /// The store for the task's connection properties and the environment; the server and bucket
    /// are remembered for error messages. Problems go to <paramref name="reader"/>, so one build
    /// reports every invalid property.
    /// </summary>
    private protected Func<S3ExchangeStore> ResolveStore(PropertyReader reader, out S3ExchangeSettings settings)
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
        var (resolved, options) = connection.Resolve(reader);
        settings = resolved;
        serverDescription = S3Connection.Describe(resolved);
        bucketName = resolved.Bucket;
        return () => S3ExchangeStore.Create(resolved, options);
    }

    /// <summary>A message for the build log: its name in Resources/Strings.resx and its arguments.</summary>
    private protected readonly record struct LogLine(MessageImportance Importance, string ResourceName, object[] Arguments);

    /// <summary>Queues messages from the task's worker threads for <see cref="Execute"/>'s thread to log.</summary>
    private protected sealed class TaskLog(ChannelWriter<LogLine> writer)
    {
        public void Message(MessageImportance importance, string resourceName, params object[] arguments) =>
            writer.TryWrite(new LogLine(importance, resourceName, arguments));
    }
}
