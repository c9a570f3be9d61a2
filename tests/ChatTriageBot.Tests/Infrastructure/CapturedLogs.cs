using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// A logging provider that keeps every record it is given, as a log sink would write it: level, category, the formatted
/// message and the exception's text. Registered by <see cref="AppFixture.CaptureAllLogs"/>, at every level down to Trace.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Every record so far, one string each (<c>level category: message</c> and the exception's text).</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            logs._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}]{(exception is null ? string.Empty : "\n" + exception)}");
        }
    }
}
