namespace ChatTriageBot.Costs;

/// <summary>The words for <see cref="CostBreakdown"/> in <c>/triage cost ... by WORD</c> and <c>cost --by WORD</c>.</summary>
internal static class CostBreakdowns
{
    public const string Syntax = "user|channel|model|repo|outcome";

    public static bool TryParse(string word, out CostBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(word);
        breakdown = word.Trim().ToLowerInvariant() switch
        {
            "user" or "users" or "person" => CostBreakdown.User,
            "channel" or "channels" => CostBreakdown.Channel,
            "model" or "models" => CostBreakdown.Model,
            "repo" or "repos" or "repository" or "repositories" => CostBreakdown.Repository,
            "outcome" or "outcomes" => CostBreakdown.Outcome,
            _ => CostBreakdown.None,
        };
        return breakdown != CostBreakdown.None;
    }

    public static string Noun(CostBreakdown breakdown) => breakdown switch
    {
        CostBreakdown.User => "user",
        CostBreakdown.Channel => "channel",
        CostBreakdown.Model => "model",
        CostBreakdown.Repository => "repository",
        CostBreakdown.Outcome => "outcome",
        _ => string.Empty,
    };
}
