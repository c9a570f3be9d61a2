using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// Sends the app's logs to the output of the test that started it (xunit shows a test's output when it fails; a
/// passing run stays quiet) and keeps them for assertions. The app's own messages are kept from Information up,
/// everyone else's (ASP.NET Core, EF Core, Quartz) from Warning up. A message written after its test has finished has
/// no output to go to and is only kept.
/// </summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper? output) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Every message kept so far, in the order written.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>
    /// Replaces the providers of <paramref name="logging"/> with one writing to <paramref name="output"/> (by default the
    /// current test's output), at the levels above; returns it.
    /// </summary>
    public static TestOutputLoggerProvider Install(ILoggingBuilder logging, ITestOutputHelper? output = null)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var provider = new TestOutputLoggerProvider(output ?? TestContext.Current.TestOutputHelper);
        logging.ClearProviders();
        logging.AddProvider(provider);
        logging.AddFilter<TestOutputLoggerProvider>(null, LogLevel.Warning);
        logging.AddFilter<TestOutputLoggerProvider>("ChatTriageBot", LogLevel.Information);
        return provider;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogEntry entry)
    {
        _entries.Enqueue(entry);
        try
        {
            output?.WriteLine(entry.ToString());
        }
        catch (InvalidOperationException)
        {
            // The test has finished (a background service logging while the host stops): its output is closed.
        }
    }

    private sealed class Logger(TestOutputLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            provider.Write(new LogEntry(TimeProvider.System.GetUtcNow(), logLevel, category, eventId, formatter(state, exception), exception));
        }
    }
}
