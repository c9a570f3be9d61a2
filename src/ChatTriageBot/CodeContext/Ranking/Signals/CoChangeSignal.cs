namespace ChatTriageBot.CodeContext;

/// <summary>
/// Files that historically change together with one of the best code candidates rise a little with it, by how often
/// they did and how good the candidate is: a fix often touches a file and its companion (a model and its migration
/// writer, a parser and its grammar).
/// </summary>
internal sealed class CoChangeSignal : IRankingSignal
{
    // The best code candidates whose companions rise.
    private const int CoChangeAnchors = 3;

    // What a companion gains at most: a small nudge, since the evidence for the candidate is not evidence for it.
    private const double CoChangeWeight = 0.2;

    // A companion must have changed in at least this share of the candidate's changes.
    private const double MinCoChangeConfidence = 0.3;

    public string Name => "co-change";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.History is not { } history)
        {
            return;
        }

        var anchors = new List<(int Document, double Score)>();
        for (var d = 0; d < context.Index.Count; d++)
        {
            var score = context.Score(d);
            if (score > 0 && context.Paths.IsCode(d))
            {
                anchors.Add((d, score));
            }
        }

        anchors = [.. anchors.OrderByDescending(c => c.Score).Take(CoChangeAnchors)];
        if (anchors.Count == 0)
        {
            return;
        }

        var boosts = new List<(int Document, double Boost, string Anchor)>();
        var best = anchors[0].Score;
        foreach (var (anchor, anchorScore) in anchors)
        {
            var anchorPath = context.Index.Paths[anchor];
            foreach (var (partner, confidence) in history.ChangedWith(anchorPath))
            {
                if (confidence >= MinCoChangeConfidence && context.Paths.Find(partner) is { } document && document != anchor)
                {
                    boosts.Add((document, CoChangeWeight * confidence * anchorScore / best, anchorPath));
                }
            }
        }

        foreach (var (document, boost, anchor) in boosts)
        {
            context.Evidence[document].Add(EvidenceKind.CoChange, boost, $"changes together with {anchor[(anchor.LastIndexOf('/') + 1)..]}");
        }
    }
}
