using Microsoft.Extensions.Logging;

namespace S3Exchange.Tests.Diagnostics;

/// <summary>An <see cref="ILoggerFactory"/> that keeps every message logged through it, at every level.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<LoggedMessage> messages = [];

    public IReadOnlyList<LoggedMessage> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            lock (factory.messages)
            {
                factory.messages.Add(new LoggedMessage(category, logLevel, eventId, formatter(state, exception), values.ToDictionary(v => v.Key, v => v.Value)));
            }
        }
    }
}

/// <summary>One message: its category, level, event id, text and structured values.</summary>
public sealed record LoggedMessage(string Category, LogLevel Level, EventId EventId, string Text, IReadOnlyDictionary<string, object?> Values);
