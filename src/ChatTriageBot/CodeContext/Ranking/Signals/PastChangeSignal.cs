namespace ChatTriageBot.CodeContext;

/// <summary>
/// A request that reads like the subject of a past commit points at the files that commit changed: bugs recur where
/// they were fixed before. Each of the most similar commits lends its code files a share of its similarity (relative
/// to the best commit's, split over its files); tests and prose are left out. The reason quotes the commit.
/// </summary>
internal sealed class PastChangeSignal : IRankingSignal
{
    // The commits whose subjects read most like the request that lend.
    private const int PastChangeCommits = 20;

    // What a file gains at most: history hints, the request's own words and names decide.
    private const double PastChangeWeight = 0.5;

    // A commit lends by its similarity relative to the best one to this power, so that one commit that reads almost as
    // the request outweighs several that share a word or two.
    private const double PastChangeSimilarityPower = 1.5;

    public string Name => "past-change";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.History is not { } history)
        {
            return;
        }

        var similar = history.SimilarChanges(context.Query.Terms, context.Query.Weights, PastChangeCommits);
        if (similar.Count == 0 || similar[0].Score <= 0)
        {
            return;
        }

        var paths = context.Paths;
        var best = similar[0].Score;
        var totals = new Dictionary<int, (double Share, string Subject)>();
        foreach (var (change, score) in similar)
        {
            var files = change.Files.Select(paths.Find).OfType<int>().Where(paths.IsCode).ToList();
            foreach (var document in files)
            {
                var (share, subject) = totals.GetValueOrDefault(document);
                totals[document] = (share + (Math.Pow(score / best, PastChangeSimilarityPower) / Math.Sqrt(files.Count)), subject ?? change.Subject);
            }
        }

        foreach (var (document, (share, subject)) in totals)
        {
            context.Evidence[document].Add(EvidenceKind.PastChange, PastChangeWeight * Math.Min(1, share), $"changed by a past commit much like it: \"{FileEvidence.Shorten(subject)}\"");
        }
    }
}
