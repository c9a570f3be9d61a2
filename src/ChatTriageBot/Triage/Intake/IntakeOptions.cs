namespace ChatTriageBot.Triage;

/// <summary>
/// Bound from the <c>Intake</c> section: support channels whose requests are counted besides the repositories' own
/// channels (<c>Repos__N__Channels__M</c>).
/// </summary>
internal sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Channel ids (<c>Intake__Channels__0</c>, ...).</summary>
    public List<string> Channels { get; } = [];
}
