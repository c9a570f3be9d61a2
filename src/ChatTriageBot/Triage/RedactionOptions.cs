namespace ChatTriageBot.Triage;

/// <summary>
/// Bound from the <c>Redaction</c> section: kinds of built-in redaction to switch off (<c>Redaction__Disabled__N</c>,
/// e.g. <c>IP</c>) and patterns of the team's own (<c>Redaction__Patterns__N__Kind</c> and <c>__Pattern</c>, e.g. a
/// customer number), which are applied before the built-in ones.
/// </summary>
internal sealed class RedactionOptions
{
    public const string Section = "Redaction";

    /// <summary>The built-in kinds, as they appear in placeholders and receipts.</summary>
    public static readonly IReadOnlyList<string> BuiltInKinds =
        ["PRIVATE_KEY", "JWT", "CREDENTIAL", "PASSWORD", "SECRET", "EMAIL", "IBAN", "CARD", "PHONE", "IP"];

    public IList<string> Disabled { get; } = [];

    public IList<RedactionPattern> Patterns { get; } = [];
}

/// <summary>A pattern of the team's own: matches become <c>&lt;KIND_n&gt;</c>.</summary>
internal sealed class RedactionPattern
{
    /// <summary>Upper-case letters, digits and underscores, e.g. <c>CUSTOMER_ID</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>A .NET regular expression.</summary>
    public string? Pattern { get; set; }
}
