namespace ChatTriageBot.CodeContext;

/// <summary>An exception or error type name, as written (<c>KeyError</c>, <c>java.lang.IllegalStateException</c>).</summary>
internal sealed record ErrorTypeReference(string Name)
{
    /// <summary>The name without its namespace or package.</summary>
    public string SimpleName => Name[(Name.LastIndexOf('.') + 1)..];
}
