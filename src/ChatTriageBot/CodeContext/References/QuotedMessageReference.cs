namespace ChatTriageBot.CodeContext;

/// <summary>Text that reads like an error message: quoted in the text, or following an error type (<c>KeyError: ...</c>).</summary>
internal sealed record QuotedMessageReference(string Text);
