namespace ChatTriageBot.CodeContext;

/// <summary>A code identifier written in the text (<c>cartTotal</c>, <c>CartService</c>, <c>user_id</c>, <c>os.path.join</c>).</summary>
internal sealed record IdentifierReference(string Name, IdentifierStyle Style);
