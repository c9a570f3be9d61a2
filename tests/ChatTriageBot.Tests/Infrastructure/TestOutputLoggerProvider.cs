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
    /// current test's output), at the levels above, or with <paramref name="allLevels"/> every record of every category
    /// down to Trace (what a sink configured at its most verbose would receive); returns it.
    /// </summary>
    public static TestOutputLoggerProvider Install(ILoggingBuilder logging, ITestOutputHelper? output = null, bool allLevels = false)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var provider = new TestOutputLoggerProvider(output ?? TestContext.Current.TestOutputHelper);
        logging.ClearProviders();
        logging.AddProvider(provider);
        if (allLevels)
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter<TestOutputLoggerProvider>(null, LogLevel.Trace);
            return provider;
        }

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
            // The values are read now: some states (ASP.NET Core's request logs) read a request that is gone later.
            var values = (state as IReadOnlyList<KeyValuePair<string, object?>>)?.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value?.ToString())).ToList();
            provider.Write(new LogEntry(TimeProvider.System.GetUtcNow(), logLevel, category, eventId, formatter(state, exception), exception, values));
        }
    }
}
