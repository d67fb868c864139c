namespace S3Exchange.Build.Diagnostics;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, in order.
/// <see cref="Progress{T}"/> would post each report to the thread pool, so lines could reach
/// the log out of order or after the task has finished.
/// </summary>
internal sealed class ImmediateProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
