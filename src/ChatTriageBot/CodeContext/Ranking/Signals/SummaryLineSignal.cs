namespace ChatTriageBot.CodeContext;

/// <summary>
/// The summary line (an issue's title, a message's subject) scored on its own, when a body follows it: the whole
/// text's BM25 weighs the words that pasted code and output repeat, while what the report is about is in its first
/// line. Its BM25, relative to the best file's as the whole text's is, is added to every file's relevance.
/// </summary>
internal sealed class SummaryLineSignal : IRankingSignal
{
    // As much as the whole text's BM25: a file matching the summary and one matching the body weigh alike.
    private const double SummaryWeight = 1.0;

    public string Name => "summary-line";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A one-line request is all summary: this would only count its words twice.
        if (context.Query.Summary is not { } line || !context.Query.HasBody)
        {
            return;
        }

        var scores = new Bm25Scorer(context.Index, QueryTerms.From(line)).Scores();
        var max = scores.Max();
        if (max <= 0)
        {
            return;
        }

        for (var d = 0; d < scores.Length; d++)
        {
            context.Relevance[d] += SummaryWeight * scores[d] / max;
        }
    }
}
