namespace ChatTriageBot.Triage;

/// <summary>
/// The logging safeguard: every logger the app creates redacts its formatted message, its state's values and its
/// exception's text with the same formats as customer text, before any provider (console, a test's capture, a log
/// shipper) sees them. Customer text is not meant to be a log argument at all; this catches what slips through, such
/// as an attachment's name in a URL that HttpClient logs, or a model's answer in a chat client's trace.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, RedactionOptions options) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), options);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
