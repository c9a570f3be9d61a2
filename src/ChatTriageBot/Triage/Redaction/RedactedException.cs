namespace ChatTriageBot.Triage;

/// <summary>Stands in for an exception whose text (message, inner exceptions, stack) needed redaction: it carries only the redacted text.</summary>
internal sealed class RedactedException(string text) : Exception(text)
{
    public override string? StackTrace => null;

    public override string ToString() => Message;
}
