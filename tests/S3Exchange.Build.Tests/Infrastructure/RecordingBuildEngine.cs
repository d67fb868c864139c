using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace S3Exchange.Build.Tests.Infrastructure;

/// <summary>A build engine that records what a task logs, for tests that run tasks in process.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public ConcurrentQueue<BuildErrorEventArgs> Errors { get; } = new();

    public ConcurrentQueue<BuildWarningEventArgs> Warnings { get; } = new();

    public ConcurrentQueue<BuildMessageEventArgs> Messages { get; } = new();

    /// <summary>Called with every message as it is logged (e.g. to cancel a task mid-run).</summary>
    public Action<string>? OnMessage { get; set; }

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public IEnumerable<string> ErrorCodes => Errors.Select(e => e.Code);

    public string Log => string.Join('\n', Messages.Select(m => m.Message).Concat(Errors.Select(e => $"error {e.Code}: {e.Message}")));

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Enqueue(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Enqueue(e);

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        Messages.Enqueue(e);
        OnMessage?.Invoke(e.Message ?? string.Empty);
    }

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();
}
