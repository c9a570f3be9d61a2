namespace ChatTriageBot.Triage;

/// <summary>Redaction could not finish, so the text must not be used: the message says why, without any of the text.</summary>
internal sealed class RedactionException(string message, Exception? innerException = null) : Exception(message, innerException);
