namespace ChatTriageBot.Slack;

/// <summary>
/// Who may do what, bound from the <c>Access</c> section: <c>Access__&lt;Permission&gt;__N</c> lists Slack user ids
/// (<c>U…</c>/<c>W…</c>) or user-group ids (<c>S…</c>). What an empty list means is the caller's choice per permission.
/// </summary>
internal sealed class AccessOptions
{
    public const string Section = "Access";

    public Dictionary<string, List<string>> Permissions { get; } = new(StringComparer.OrdinalIgnoreCase);
}
