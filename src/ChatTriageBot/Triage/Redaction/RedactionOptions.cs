namespace ChatTriageBot.Triage;

/// <summary>
/// Bound from the <c>Redaction</c> section: kinds of built-in redaction to switch off (<c>Redaction__Disabled__N</c>,
/// e.g. <c>IP</c>), patterns of the team's own (<c>Redaction__Patterns__N__Kind</c> and <c>__Pattern</c>, e.g. a
/// customer number), which are applied before the built-in ones, and whether loopback and documentation addresses
/// (<c>127.0.0.1</c>, <c>::1</c>, <c>192.0.2.x</c>) are kept (<c>Redaction__KeepReservedAddresses</c>, default true).
/// </summary>
internal sealed class RedactionOptions
{
    public const string Section = "Redaction";

    /// <summary>The built-in kinds, as they appear in placeholders and receipts.</summary>
    public static IReadOnlyList<string> BuiltInKinds => RedactionKinds.All;

    public IList<string> Disabled { get; } = [];

    public IList<RedactionPattern> Patterns { get; } = [];

    /// <summary>Loopback, unspecified and documentation addresses are facts of an example or a test, not somebody's address.</summary>
    public bool KeepReservedAddresses { get; set; } = true;
}
