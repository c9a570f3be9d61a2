namespace ChatTriageBot.CodeContext;

/// <summary>
/// What the signals of one ranking share: the commit's index and path lookups, the request's terms and references,
/// the history, the evidence gathered so far and each file's score as it stands. One per query; not thread-safe.
/// </summary>
internal sealed class RankingContext
{
    private readonly Func<string, string?> _readText;
    private readonly Dictionary<int, string?> _texts = [];
    private List<MentionedSymbol>? _symbols;
    private double[]? _prior;

    public RankingContext(CodeIndex index, string request, CodeReferences references, ChangeHistory? history, Func<string, string?> readText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(readText);
        Index = index;
        Paths = PathIndex.Of(index);
        Request = request;
        Query = QueryTerms.From(request);
        References = references;
        History = history is { Commits: > 0 } ? history : null;
        _readText = readText;
        CancellationToken = cancellationToken;
        Bm25 = new Bm25Scorer(index, Query);
        Bm25Scores = Bm25.Scores();
        Evidence = new EvidenceTable(index.Count);

        // The whole text's BM25 relative to the best file's, so that it weighs the same in every repository.
        var max = Bm25Scores.Max();
        Relevance = new double[index.Count];
        if (max > 0)
        {
            for (var d = 0; d < Relevance.Length; d++)
            {
                Relevance[d] = Bm25Scores[d] / max;
            }
        }
    }

    public CodeIndex Index { get; }

    public PathIndex Paths { get; }

    /// <summary>The request as ranked (the lines of the repository's issue templates left out).</summary>
    public string Request { get; }

    public QueryTerms Query { get; }

    public CodeReferences References { get; }

    /// <summary>The repository's history up to the commit; null when there is none (no git, or no commits read).</summary>
    public ChangeHistory? History { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>BM25 of the whole request's terms.</summary>
    public Bm25Scorer Bm25 { get; }

    /// <summary>Each file's BM25 for the whole request, as scored.</summary>
    public double[] Bm25Scores { get; }

    /// <summary>
    /// What the request's words give each file: the whole text's BM25 relative to the best file's, plus what signals
    /// that score every file add to it (the summary line's own BM25).
    /// </summary>
    public double[] Relevance { get; }

    public EvidenceTable Evidence { get; }

    /// <summary>The symbols the request mentions (<see cref="MentionedSymbol.From"/>), read once.</summary>
    public List<MentionedSymbol> Symbols => _symbols ??= MentionedSymbol.From(References);

    /// <summary>
    /// A small per-file prior, added after every signal to the files that score: the signals that follow do not see
    /// it, so it orders files the evidence leaves close without making candidates of its own.
    /// </summary>
    public double[] Prior => _prior ??= new double[Index.Count];

    /// <summary>A file's score as it stands: its relevance and the boosts of its evidence so far.</summary>
    public double Score(int document) => Relevance[document] + Evidence.Boost(document);

    /// <summary>A file's prior (0 when no signal set one).</summary>
    public double PriorOf(int document) => _prior?[document] ?? 0;

    /// <summary>A file's text, read from the commit at most once per query (null when it cannot be read).</summary>
    public string? Read(int document)
    {
        if (!_texts.TryGetValue(document, out var body))
        {
            _texts[document] = body = _readText(Index.Paths[document]);
        }

        return body;
    }
}
