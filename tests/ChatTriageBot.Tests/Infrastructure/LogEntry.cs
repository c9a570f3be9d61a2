using Microsoft.Extensions.Logging;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>One log message the app wrote, as <see cref="TestOutputLoggerProvider"/> received it.</summary>
public sealed record LogEntry(DateTimeOffset At, LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() =>
        $"{At:HH:mm:ss.fff} {Level,-11} {Category}[{EventId.Id}] {Message}{(Exception is null ? string.Empty : Environment.NewLine + Exception)}";
}
