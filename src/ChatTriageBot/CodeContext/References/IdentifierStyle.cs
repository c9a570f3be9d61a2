namespace ChatTriageBot.CodeContext;

/// <summary>How an identifier is spelled.</summary>
internal enum IdentifierStyle
{
    CamelCase,
    PascalCase,
    SnakeCase,
    Dotted,

    /// <summary>A one-word name written as code: called (<c>simplify(e)</c>) or alone in backticks (<c>`Add`</c>).</summary>
    CodeWord,
}
