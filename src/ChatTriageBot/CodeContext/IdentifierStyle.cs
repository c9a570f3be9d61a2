namespace ChatTriageBot.CodeContext;

/// <summary>How an identifier is spelled.</summary>
public enum IdentifierStyle
{
    CamelCase,
    PascalCase,
    SnakeCase,
    Dotted,
}
