using Microsoft.Extensions.Logging;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>One log message the app wrote, as <see cref="TestOutputLoggerProvider"/> received it, with its structured values (what a structured sink stores beside the message).</summary>
public sealed record LogEntry(DateTimeOffset At, LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>>? Values = null)
{
    public override string ToString() =>
        $"{At:HH:mm:ss.fff} {Level,-11} {Category}[{EventId.Id}] {Message}{(Exception is null ? string.Empty : Environment.NewLine + Exception)}";
}
