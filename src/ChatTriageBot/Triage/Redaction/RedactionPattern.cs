namespace ChatTriageBot.Triage;

/// <summary>A pattern of the team's own: matches become <c>&lt;KIND_n&gt;</c>.</summary>
internal sealed class RedactionPattern
{
    /// <summary>Upper-case letters, digits and underscores, e.g. <c>CUSTOMER_ID</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>A .NET regular expression.</summary>
    public string? Pattern { get; set; }
}
