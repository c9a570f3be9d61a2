namespace ChatTriageBot.CodeContext;

/// <summary>
/// A small prior for files that changed often in the history read (log-scaled, relative to the most changed file that
/// scores): bug fixes land where code churns. It goes to the files that score, and only orders them: it makes no file a
/// candidate.
/// </summary>
internal sealed class ChangePriorSignal : IRankingSignal
{
    // At most a tenth of the best BM25 match: a tie-breaker between files the evidence leaves close.
    private const double ChangePriorWeight = 0.1;

    public string Name => "change-prior";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.History is not { } history)
        {
            return;
        }

        var candidates = new List<(int Document, int Changes)>();
        var maxChanges = 0;
        for (var d = 0; d < context.Index.Count; d++)
        {
            if (context.Score(d) > 0)
            {
                var changes = history.Changes(context.Index.Paths[d]);
                candidates.Add((d, changes));
                maxChanges = Math.Max(maxChanges, changes);
            }
        }

        if (maxChanges <= 1)
        {
            return;
        }

        var prior = context.Prior;
        var scale = Math.Log(1 + maxChanges);
        foreach (var (document, changes) in candidates)
        {
            prior[document] = ChangePriorWeight * Math.Log(1 + changes) / scale;
        }
    }
}
