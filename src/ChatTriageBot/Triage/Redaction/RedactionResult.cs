namespace ChatTriageBot.Triage;

/// <summary>Text with personal data and secrets replaced by stable placeholders, and how many of each kind were found.</summary>
internal sealed record RedactionResult(string Text, IReadOnlyDictionary<string, int> Counts)
{
    public int Total => Counts.Values.Sum();

    /// <summary>The receipt shown in the thread: counts by kind, never values (e.g. "2 emails, 1 card number").</summary>
    public string Receipt => Total == 0
        ? "nothing redacted"
        : "redacted " + string.Join(", ", Counts.Where(c => c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key.ToLowerInvariant().Replace('_', ' ')}"));
}
