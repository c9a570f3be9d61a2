namespace ChatTriageBot.CodeContext;

/// <summary>
/// Okapi BM25 of a query's terms over a commit's index (its postings: content terms plus path segments), and which
/// of the query's terms a file matches best.
/// </summary>
internal sealed class Bm25Scorer
{
    // BM25's usual term-frequency saturation: the tenth use of a word adds little over the third.
    private const double K1 = 1.2;

    // BM25's usual length normalisation: a long file's matches count for somewhat less.
    private const double B = 0.75;

    private readonly CodeIndex _index;
    private readonly QueryTerms _query;
    private readonly Posting[] _postings;
    private readonly double _averageLength;

    public Bm25Scorer(CodeIndex index, QueryTerms query)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(query);
        _index = index;
        _query = query;
        _postings = [.. query.Terms.Select(index.Postings)];
        var documents = index.Count;
        TermWeights = new double[_postings.Length];
        for (var t = 0; t < _postings.Length; t++)
        {
            var frequency = _postings[t].Length;
            var idf = Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));
            TermWeights[t] = idf * query.Weights[t];
        }

        _averageLength = Math.Max(1, index.Lengths.Average());
    }

    /// <summary>idf times query weight, per query term.</summary>
    public double[] TermWeights { get; }

    /// <summary>Every document's score (0 for those matching no term).</summary>
    public double[] Scores()
    {
        var scores = new double[_index.Count];
        var lengths = _index.Lengths;
        for (var t = 0; t < _postings.Length; t++)
        {
            var posting = _postings[t];
            for (var i = 0; i < posting.Length; i++)
            {
                var d = posting.Document(i);
                var tf = posting.Count(i);
                var norm = K1 * (1 - B + (B * lengths[d] / _averageLength));
                scores[d] += TermWeights[t] * tf * (K1 + 1) / (tf + norm);
            }
        }

        return scores;
    }

    /// <summary>The query terms that contribute most to a file's score.</summary>
    public List<string> MatchedTerms(int document, int count) =>
        Enumerable.Range(0, _postings.Length)
            .Select(t => (Term: t, At: _postings[t].IndexOf(document)))
            .Where(x => x.At >= 0)
            .OrderByDescending(x => TermWeights[x.Term] * Math.Log(1 + _postings[x.Term].Count(x.At)))
            .Take(count)
            .Select(x => _query.Terms[x.Term])
            .ToList();
}
