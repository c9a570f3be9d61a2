namespace ChatTriageBot.CodeContext;

/// <summary>
/// Ranks a commit's text files against a request. The lines the repository's issue templates wrote are left out of
/// the request (<see cref="IssueTemplate"/>); its terms are scored by BM25 over code-aware tokens of content and path
/// (<see cref="Bm25Scorer"/>), relative to the best file's; each signal of <see cref="Signals"/> adds its evidence in
/// turn (later ones read the scores the earlier ones left); test files count for less unless the text names them,
/// documentation always; and each of the best files is described: its score, the lines worth reading and why it
/// ranked. Pure CPU work over the commit's texts; thread-safe.
/// </summary>
internal sealed class CodeRanker
{
    // A test matching the request's words is rarely where the fix goes: it counts 0.3 unless the text names it.
    private const double TestFileFactor = 0.3;

    // Prose counts a quarter even when the text names it: issue templates name CONTRIBUTING.md and the code of
    // conduct, and a fix is in code.
    private const double DocumentationFactor = 0.25;

    // The query terms a reason lists as a file's best matches.
    private const int MatchedTermsShown = 6;

    /// <summary>
    /// The signals, in the order they run. The ones that read candidates' scores (tests lending to the code they test,
    /// the change prior) come after those that point at files directly, so that they work from the best candidates.
    /// </summary>
    private static readonly IRankingSignal[] Signals =
    [
        new NamedPathSignal(),
        new StackFrameSignal(),
        new RefusedCallSignal(),
        new DefinitionSignal(),
        new TypeHomeSignal(),
        new SummaryStemSignal(),
        new SummaryFolderSignal(),
        new QuotedMessageSignal(),
        new PastChangeSignal(),
        new SummaryLineSignal(),
        new TestSubjectSignal(),
        new TestHistorySignal(),
        new ChangePriorSignal(),
    ];

    private readonly CodeIndexStore? _indexes;

    /// <summary>A ranker over the persistent index of <paramref name="indexes"/>.</summary>
    public CodeRanker(CodeIndexStore indexes) => _indexes = indexes;

    /// <summary>A ranker that builds each commit's index in memory (tools and tests).</summary>
    public CodeRanker()
    {
    }

    /// <summary>The names of the signals, in the order they run.</summary>
    public static IReadOnlyList<string> SignalNames { get; } = [.. Signals.Select(s => s.Name)];

    /// <summary>The <paramref name="top"/> best files for the request, best first.</summary>
    public async Task<IReadOnlyList<RankedFile>> RankAsync(RepositorySnapshot snapshot, string text, CodeReferences references, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        // git reads the history in its own process while this thread opens (or builds) the index.
        var reading = _indexes is not null
            ? _indexes.HistoryAsync(snapshot, cancellationToken)
            : ChangeHistory.ReadAsync(snapshot.RepositoryPath, snapshot.CommitSha, cancellationToken);
        var index = _indexes is not null
            ? _indexes.Open(snapshot, cancellationToken)
            : CodeIndex.FromTexts(snapshot.TextFiles.Select(f => (f.Path, f.BlobId, f.Text)));

        // The commit's path lookups too (nothing to do when the refresh job prepared it), while git is still reading.
        PathIndex.Of(index).Prepare();
        var history = await reading;
        return RankIndex(index, snapshot.ReadText, text, references, top, history, cancellationToken);
    }

    /// <summary>Ranks files held in memory, without history.</summary>
    public static IReadOnlyList<RankedFile> RankFiles(IReadOnlyList<RepositoryTextFile> files, string text, CodeReferences references, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var texts = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        var index = CodeIndex.FromTexts(files.Select(f => (f.Path, f.BlobId, f.Text)));
        return RankIndex(index, path => texts.GetValueOrDefault(path), text, references, top, history: null, cancellationToken);
    }

    /// <summary>
    /// Ranks the files of <paramref name="index"/>; <paramref name="readText"/> is asked only for the files a quoted
    /// message may be in (every term of it present) and for the files reported.
    /// </summary>
    public static IReadOnlyList<RankedFile> RankIndex(CodeIndex index, Func<string, string?> readText, string text, CodeReferences references, int top, CancellationToken cancellationToken = default) =>
        RankIndex(index, readText, text, references, top, history: null, RankingOptions.Default, cancellationToken);

    /// <summary>
    /// As <see cref="RankIndex(CodeIndex, Func{string, string?}, string, CodeReferences, int, CancellationToken)"/>, with
    /// what the repository's <paramref name="history"/> says.
    /// </summary>
    public static IReadOnlyList<RankedFile> RankIndex(CodeIndex index, Func<string, string?> readText, string text, CodeReferences references, int top, ChangeHistory? history, CancellationToken cancellationToken = default) =>
        RankIndex(index, readText, text, references, top, history, RankingOptions.Default, cancellationToken);

    /// <summary>As the other overloads, with the signals <paramref name="options"/> switches off left out.</summary>
    public static IReadOnlyList<RankedFile> RankIndex(CodeIndex index, Func<string, string?> readText, string text, CodeReferences references, int top, ChangeHistory? history, RankingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(readText);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        if (index.Count == 0)
        {
            return [];
        }

        // What the repository's issue templates wrote is not the reporter's: ranked on, "### Operating system" and
        // "Matplotlib Backend" lift code about backends. References are read again from what is left (the templates'
        // links to CONTRIBUTING.md name no file the report is about).
        var reported = PathIndex.Of(index).Template(readText).Strip(text);
        if (!ReferenceEquals(reported, text))
        {
            references = CodeReferenceExtractor.Extract(reported);
        }

        var context = new RankingContext(index, reported, references, history, readText, cancellationToken);
        foreach (var signal in Signals)
        {
            if (!options.DisabledSignals.Contains(signal.Name))
            {
                signal.Apply(context);
            }
        }

        return Combine(context, top);
    }

    /// <summary>
    /// Builds now what ranking derives once per commit and keeps beside its index (path, stem and folder lookups, the
    /// test-to-source map, the issue templates' lines), so that the first triage of a newly fetched commit does not
    /// wait for it. (The history's index of commit subjects is built as the history is read.) The first time in a
    /// process it also warms the JIT up (<see cref="RankerWarmUp"/>).
    /// </summary>
    public static async Task PrepareAsync(CodeIndex index, Func<string, string?> readText, ChangeHistory? history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(readText);
        var paths = PathIndex.Of(index);
        paths.Prepare();
        _ = paths.Template(readText);
        await RankerWarmUp.RunOnceAsync(index, readText, history, cancellationToken);
    }

    /// <summary>Each file's score, the prior added and tests and documentation down-weighted; the best described.</summary>
    private static List<RankedFile> Combine(RankingContext context, int top)
    {
        var index = context.Index;
        var ranked = new List<(int Index, double Score)>(index.Count);
        for (var i = 0; i < index.Count; i++)
        {
            var score = context.Score(i);
            if (score > 0)
            {
                score += context.PriorOf(i);
            }

            if (score <= 0)
            {
                continue;
            }

            var (isTest, isDocumentation) = DownWeighted(context, i);
            ranked.Add((i, score * (isTest ? TestFileFactor : isDocumentation ? DocumentationFactor : 1)));
        }

        return ranked
            .OrderByDescending(r => r.Score)
            .ThenBy(r => index.Paths[r.Index], StringComparer.Ordinal)
            .Take(top)
            .Select(r => Describe(context, r.Index, r.Score))
            .ToList();
    }

    /// <summary>Tests count for less unless named; prose always, even when named (issue templates name CONTRIBUTING.md).</summary>
    private static (bool IsTest, bool IsDocumentation) DownWeighted(RankingContext context, int document)
    {
        var isTest = context.Paths.IsTest(document) && !context.Evidence.IsNamed(document);
        return (isTest, !isTest && context.Paths.IsDocumentation(document));
    }

    private static RankedFile Describe(RankingContext context, int document, double score)
    {
        var evidence = context.Evidence.Find(document);
        var reasons = new List<string>(evidence?.Reasons ?? []);
        var matched = context.Bm25.MatchedTerms(document, MatchedTermsShown);
        if (matched.Count > 0)
        {
            reasons.Add("matches: " + string.Join(", ", matched));
        }

        var (isTest, isDocumentation) = DownWeighted(context, document);
        if (isTest)
        {
            reasons.Add("test file (down-weighted)");
        }

        if (isDocumentation)
        {
            reasons.Add("documentation (down-weighted)");
        }

        var ranges = LineWindows.For(context.Read(document) ?? string.Empty, evidence?.Ranges ?? [], context.Query, context.Bm25);
        return new RankedFile(context.Index.Paths[document], Math.Round(score, 4), ranges, reasons);
    }
}
