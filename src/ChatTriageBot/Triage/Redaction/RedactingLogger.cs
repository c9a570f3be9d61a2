namespace ChatTriageBot.Triage;

/// <summary>A logger that passes on only redacted text; a record with nothing to redact passes unchanged, state and all.</summary>
internal sealed class RedactingLogger(ILogger inner, RedactionOptions options) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var redactor = new Redactor(options);
        try
        {
            var formatted = formatter(state, exception);
            var message = redactor.Redact(formatted);
            var exceptionText = exception is null ? null : redactor.Redact(exception.ToString());
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            var redactedValues = values is null ? null : RedactedLogState.RedactValues(values, redactor, message.Total == 0 ? formatted : null);
            if (message.Total == 0 && (exceptionText?.Total ?? 0) == 0 && redactedValues is null)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            inner.Log(logLevel, eventId, new RedactedLogState(message.Text, redactedValues ?? values ?? []), exceptionText is null ? null : new RedactedException(exceptionText.Text), static (s, _) => s.Message);
        }
        catch (RedactionException)
        {
            // A custom pattern ran out of time: the record is withheld rather than written unredacted.
            inner.Log(logLevel, eventId, new RedactedLogState("(log message withheld: it could not be redacted)", []), null, static (s, _) => s.Message);
        }
    }
}
