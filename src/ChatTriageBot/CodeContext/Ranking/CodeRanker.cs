using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Ranks a snapshot's text files against a request: BM25 over code-aware tokens (file content plus path segments),
/// normalised to at most 1, plus boosts for files the text names, files in stack frames, the callable whose signature a
/// Python TypeError says refused the call, files defining a mentioned symbol (weighted by how specific the name is),
/// files containing a quoted error message (also when the code splits it over two literals), modules named by dotted
/// names, files whose tests match the request (<see cref="TestSourceMap"/>), and what history says
/// (<see cref="ChangeHistory"/>: files changed by past commits whose subjects read like the request, co-change with the
/// best candidates, the code that matching tests named after no file changed with, and how often a file changed).
/// Test files count for less unless the text names them, documentation always. Lines the repository's issue templates
/// wrote (<see cref="IssueTemplate"/>) are left out of the text first. Pure CPU work over the snapshot's
/// texts; thread-safe.
/// </summary>
internal sealed class CodeRanker
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int MaxQueryTerms = 400;
    private const int WindowLines = 40;
    private const int ContextLines = 10;
    private const int MaxRanges = 4;

    private const double NamedBoost = 4.0;

    // The path of a frame that calls the innermost one, written only in the traceback, counts half as named: the
    // frame's own boost says how much it matters, and a long traceback's outer frames (the framework's dispatch, the
    // reporter's manage.py) otherwise crowd out a file the summary is about. On the dev set: django 14238 (a summary
    // naming BigAutoField, a traceback of ten frames) 6th -> 4th, none fell from the five; every frame's path at half,
    // the innermost too, gained the same at five but put a file the prose names above a lone frame's.
    private const double OuterFrameNamedFactor = 0.5;
    private const double BasenameBoost = 1.5;
    private const double FrameBoost = 3.0;
    private const double FrameDepthDecay = 0.6;
    private const double FrameDepthFloor = 0.35;
    private const double ModuleBoost = 2.5;
    private const int ModuleListSize = 2;

    // A package named in the text whose __init__.py holds fewer than 400 terms counts 0.3 as much: it re-exports (on
    // the dev set three reports' fixed files rose, none fell; 150 terms and 0.5: two rose).
    private const int ShortPackageInitTerms = 400;
    private const double ShortPackageInitFactor = 0.3;
    private const double QualifiedDefinitionBoost = 3.0;
    private const double TypeDefinitionBoost = 2.0;
    private const double MemberDefinitionBoost = 2.0;
    private const double MaxDefinitionBoost = 4.0;
    private const double FileNamedAfterBoost = 1.0;

    // A symbol or module that only the pasted example uses (not the prose around it, nor a stack frame) counts a
    // quarter: an example builds models and imports the library's entry point to show the bug, which says little
    // about where the fault is. On the 630 bench reports: 10 more first, 1 more at five (symbols at 0.5 instead of 0.25:
    // 3 more first, 2 fewer at five).
    private const double ExampleOnlyFactor = 0.25;

    // A symbol the summary line names is what the report is about, more than one its example code happens to use.
    private const double TitleDefinitionFactor = 1.5;

    private const double MessageBoost = 2.5;
    private const double MessageFragmentBoost = 1.5;
    private const double TestFileFactor = 0.3;
    // Prose counts a quarter even when the text names it: issue templates name CONTRIBUTING.md and the code of
    // conduct, and a fix is in code (at 0.5 the fixed file ranked lower in six dev-set reports, three of them out of
    // the top five; 0.1 did no better).
    private const double DocumentationFactor = 0.25;
    private const int MaxMessageCandidates = 40;
    private const int MaxMessageReads = 80;

    // Reading a file from git costs about its size (inflating it and its deltas), so the quoted-message search also
    // reads at most this many indexed terms of file text per request (about 1 MB), whatever the count of reads.
    private const int MaxMessageTerms = 120_000;

    // The space between two words of a quoted message as source code may write it: spaces, or a string literal closed
    // and the next one opened on the following line (with a + between them or not).
    private const string LiteralBreak = @"(?:[ \t]+|[ \t]*[""'`][ \t]*\+?[ \t]*\\?\r?\n\s*\+?[ \t]*[rRbBuUfF]{0,2}[""'`][ \t]*)";
    private static readonly TimeSpan MessageSearchTimeout = TimeSpan.FromMilliseconds(200);

    // A test file that matches the request lends its subject (the file it tests) half its score, at most 2; only the
    // five best-matching tests count, or every test that shares a common word would lift its subject.
    private const double TestSubjectWeight = 0.5;
    private const double MaxTestSubjectBoost = 2.0;
    private const int TestAnchors = 5;

    // A test that follows no naming convention lends the three code files it most often changed with (in at least 10%
    // of its changes) up to its share of the best such test's score; the ten best-matching tests count. On the dev set:
    // django 263 -> 271 at five, the other repositories unchanged (288). Lending from every test, named ones too, took
    // three of theirs out of the five; five partners down to a 5% share changed nothing at five, and scaling by the best
    // candidate of any kind instead of the best test lost four.
    private const int HistoryTestAnchors = 10;
    private const int TestPartners = 3;
    private const double MinTestPartnerConfidence = 0.1;
    private const double TestHistoryWeight = 1.0;

    // History: files that changed together with one of the three best candidates in at least 30% of its changes rise
    // a little with it; a file that changes often gets a small prior (bug fixes land where code churns).
    private const int CoChangeAnchors = 3;
    private const double CoChangeWeight = 0.2;
    private const double MinCoChangeConfidence = 0.3;
    private const double ChangePriorWeight = 0.1;

    // Files changed by the 20 past commits whose subjects read most like the request lift by up to 0.5 (on the dev set,
    // 0.3 and 0.8 did less, and 50 commits no better than 20).
    private const int PastChangeCommits = 20;
    private const double PastChangeWeight = 0.5;

    // A commit lends by its similarity relative to the best one to this power, so that one commit that reads almost as
    // the request (django 15561's "Made AlterField operation a noop when adding db_column") outweighs several that
    // share a word or two. On the dev set: 1.5 put one more report in the best five and moved no other at 1, 3, 5 or
    // 10; 2 put one in and took one out, and put two more first.
    private const double PastChangeSimilarityPower = 1.5;

    // A capitalised name defined in the file named after it (class Mod in mod.py) is that file's home.
    private const double HomeBoost = 2.0;

    // A word of the summary line that is the stem of at most MaxStemFiles code files (tests and documentation aside);
    // times StemFolderFactor when the file's folder is named too.
    private const double TitleStemBoost = 0.7;
    private const double StemFolderFactor = 3.0;
    private const int MaxStemFiles = 5;
    private const int MinStemLength = 4;
    private static readonly string[] StemSuffixes = ["ed", "ing", "s"];

    // A word of the summary line that names a folder of at most MaxFolderFiles code files.
    private const double FolderBoost = 1.0;
    private const int MaxFolderFiles = 10;

    // A word the request writes as code (a fenced or indented block, a >>> prompt, a backtick span) weighs half as much
    // again as one of its prose: it is what the reporter ran.
    private const double CodeTermWeight = 1.5;

    // The first line of a report is its summary (an issue's title, a support message's subject): its own BM25,
    // normalized as the whole text's is, is added at this weight. Measured from 0.3 to 1.5 (with the summary's words
    // also weighing double in the whole text's BM25): every setting put more reports' fixed file first, and 1.0 sat in
    // the middle of the flat best. With it, the double weight inside the whole text's BM25 was measured again and
    // dropped: without it, two more reports' fixed file came first and three more were in the top five.
    private const double SummaryWeight = 1.0;
    private const int MinTitleTerms = 3;
    private const int MaxTitleLength = 200;

    // A name whose word is in at most one file in 51 singles files out fully; commoner names count for less, down to a
    // fifth (Symbol in a computer-algebra library).
    private const double MinSpecificity = 0.2;
    private const int SpecificityMinFiles = 1000;
    private static readonly double SpecificIdf = Math.Log(1 + 50);

    // A request with every kind of evidence (summary, module, symbols, a Python and a .NET stack frame, an error
    // message, a path with its line), ranked by PrepareAsync to warm the JIT up, once per process.
    private const string WarmUpRequest = """
        TypeError in Cart.total when the cart is empty (`checkout.pricing` module)
        ```
        Traceback (most recent call last):
          File "shop/checkout/pricing.py", line 12, in total
            return sum(line.price for line in cart.lines)
        TypeError: 'NoneType' object is not iterable
        ```
        at Shop.Checkout.CartService.Total() in src/Checkout/CartService.cs:line 42
        The log says "cart total failed for order" (see src/Checkout/CartService.cs:40).
        """;

    // .NET first compiles a method quickly and unoptimized (tier 0), and compiles it again optimized in the background
    // once it has been called 30 times, counting calls only after 100 ms without new tier-0 compiles (the runtime's
    // defaults). One sample ranking left the extractor and the ranker at tier 0, and the first real queries ran that
    // slow code (astropy's first five reports: 22-58 ms in three runs). So the warm-up ranks once, waits past the delay,
    // ranks until the hot methods have been called enough, and waits for the background compiles (the same five: 7-21
    // ms in two runs, up to 39 in the third). It costs about two seconds once per process, in the background job that
    // prepares a commit.
    private const int WarmUpRounds = 50;
    private static readonly TimeSpan TieringPause = TimeSpan.FromMilliseconds(300);

    private static int s_warmedUp;

    // The path look-ups of an index are built once per index (a commit), not once per query.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CodeIndex, PathIndex> PathIndexes = new();

    private readonly CodeIndexStore? _indexes;

    /// <summary>A ranker over the persistent index of <paramref name="indexes"/>.</summary>
    public CodeRanker(CodeIndexStore indexes) => _indexes = indexes;

    /// <summary>A ranker that builds each commit's index in memory (tools and tests).</summary>
    public CodeRanker()
    {
    }

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
        PathsOf(index).Prepare();
        var history = await reading;
        return RankIndex(index, snapshot.ReadText, text, references, top, history, cancellationToken);
    }

    internal static IReadOnlyList<RankedFile> RankFiles(IReadOnlyList<RepositoryTextFile> files, string text, CodeReferences references, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var texts = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        var index = CodeIndex.FromTexts(files.Select(f => (f.Path, f.BlobId, f.Text)));
        return RankIndex(index, path => texts.GetValueOrDefault(path), text, references, top, cancellationToken);
    }

    /// <summary>
    /// Ranks the files of <paramref name="index"/>; <paramref name="readText"/> is asked only for the files a quoted
    /// message may be in (every term of it present) and for the files reported.
    /// </summary>
    public static IReadOnlyList<RankedFile> RankIndex(CodeIndex index, Func<string, string?> readText, string text, CodeReferences references, int top, CancellationToken cancellationToken = default) =>
        RankIndex(index, readText, text, references, top, history: null, cancellationToken);

    /// <summary>
    /// Builds now what ranking derives once per commit and keeps beside its index (path, stem and folder lookups, the
    /// test-to-source map), so that the first triage of a newly fetched commit does not wait for it. (The history's
    /// index of commit subjects is built as the history is read.) The first time in a process it also warms the JIT up
    /// by ranking a sample request against the commit (see <see cref="WarmUpRounds"/>), so that a person waiting for a
    /// triage does not pay for compiling the extractor and the ranker.
    /// </summary>
    public static async Task PrepareAsync(CodeIndex index, Func<string, string?> readText, ChangeHistory? history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(readText);
        PathsOf(index).Prepare();
        _ = PathsOf(index).Template(readText);
        if (Interlocked.Exchange(ref s_warmedUp, 1) != 0)
        {
            return;
        }

        for (var round = 0; round < WarmUpRounds; round++)
        {
            _ = RankIndex(index, readText, WarmUpRequest, CodeReferenceExtractor.Extract(WarmUpRequest), 10, history, cancellationToken);
            if (round == 0)
            {
                await Task.Delay(TieringPause, cancellationToken);
            }
        }

        await Task.Delay(TieringPause, cancellationToken);
    }

    /// <summary>The path lookups of a commit's index, built once and kept as long as the index.</summary>
    private static PathIndex PathsOf(CodeIndex index) => PathIndexes.GetValue(index, i => new PathIndex(i.Paths));

    /// <summary>
    /// As <see cref="RankIndex(CodeIndex, Func{string, string?}, string, CodeReferences, int, CancellationToken)"/>, with
    /// what the repository's <paramref name="history"/> says: files that change together with the best candidates, and
    /// how often each file changed.
    /// </summary>
    public static IReadOnlyList<RankedFile> RankIndex(CodeIndex index, Func<string, string?> readText, string text, CodeReferences references, int top, ChangeHistory? history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(readText);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        if (index.Count == 0)
        {
            return [];
        }

        var paths = PathsOf(index);

        // What the repository's issue templates wrote is not the reporter's: ranked on, "### Operating system" and
        // "Matplotlib Backend" lift code about backends. References are read again from what is left (the templates'
        // links to CONTRIBUTING.md name no file the report is about).
        var reported = paths.Template(readText).Strip(text);
        if (!ReferenceEquals(reported, text))
        {
            text = reported;
            references = CodeReferenceExtractor.Extract(reported);
        }

        var query = QueryTerms.From(text);
        var corpus = new Corpus(index, query);
        var evidence = new EvidenceTable(index.Count);
        ApplyPathHints(references, paths, evidence);
        ApplyStackFrames(references, paths, evidence);
        ApplyRefusedCalls(references, corpus, evidence);
        ApplyModules(references, index, paths, evidence, query);
        ApplyDefinitions(references, query, corpus, paths, evidence);
        ApplyStems(query, corpus, paths, evidence);
        ApplyFolders(query, corpus, paths, evidence);

        // File texts are read at most once per query: for quoted messages and for the files reported.
        var bm25 = corpus.Scores();
        var texts = new Dictionary<int, string?>();
        string? Read(int document)
        {
            if (!texts.TryGetValue(document, out var body))
            {
                texts[document] = body = readText(index.Paths[document]);
            }

            return body;
        }

        ApplyMessages(references, index, paths, bm25, Read, evidence, cancellationToken);
        if (history is { Commits: > 0 })
        {
            ApplyPastChanges(query, history, paths, evidence);
        }

        // The summary line on its own as well, when a body follows it: a file that matches what the report is about
        // outranks one that matches the words of its example code and output, which the whole text's BM25 weighs by
        // their number. (A one-line request is all summary: this would only count its words twice.)
        var summary = query.Summary is { } line && text.AsSpan().Trim().Length > line.Length
            ? new Corpus(index, QueryTerms.From(line)).Scores()
            : null;
        var maxSummary = summary?.Max() ?? 0;
        var maxBm25 = bm25.Max();
        double Score(int document) =>
            (maxBm25 > 0 ? bm25[document] / maxBm25 : 0)
            + (maxSummary > 0 ? SummaryWeight * summary![document] / maxSummary : 0)
            + evidence.Boost(document);
        ApplyTestSubjects(index, paths, Score, evidence);
        double[]? churn = null;
        if (history is { Commits: > 0 })
        {
            ApplyTestHistory(index, history, paths, Score, evidence);
            churn = ApplyHistory(index, history, paths, Score, evidence);
        }

        var ranked = new List<(int Index, double Score)>(index.Count);
        for (var i = 0; i < index.Count; i++)
        {
            var score = Score(i);
            if (score > 0 && churn is not null)
            {
                score += churn[i];
            }

            if (score <= 0)
            {
                continue;
            }

            var (isTest, isDocumentation) = DownWeighted(i);
            ranked.Add((i, score * (isTest ? TestFileFactor : isDocumentation ? DocumentationFactor : 1)));
        }

        // Tests count for less unless named; prose always, even when named (issue templates name CONTRIBUTING.md).
        (bool IsTest, bool IsDocumentation) DownWeighted(int document)
        {
            var isTest = paths.IsTest(document) && !evidence.IsNamed(document);
            return (isTest, !isTest && paths.IsDocumentation(document));
        }

        return ranked
            .OrderByDescending(r => r.Score)
            .ThenBy(r => index.Paths[r.Index], StringComparer.Ordinal)
            .Take(top)
            .Select(r =>
            {
                var e = evidence.Find(r.Index) ?? new Evidence();
                (e.IsTest, e.IsDocumentation) = DownWeighted(r.Index);
                return Describe(index.Paths[r.Index], Read(r.Index) ?? string.Empty, r.Score, e, corpus, query, r.Index);
            })
            .ToList();
    }

    /// <summary>A test file that matches the request points at the file it tests (by the naming conventions of <see cref="TestSourceMap"/>).</summary>
    private static void ApplyTestSubjects(CodeIndex index, PathIndex paths, Func<int, double> score, EvidenceTable evidence)
    {
        var boosts = new List<(int Subject, double Boost, string Test)>();
        var tests = paths.Tests.Tests.Select(t => (Test: t.Key, Subjects: t.Value, Score: score(t.Key)))
            .Where(t => t.Score > 0).OrderByDescending(t => t.Score).Take(TestAnchors);
        foreach (var (test, subjects, testScore) in tests)
        {
            var boost = Math.Min(MaxTestSubjectBoost, TestSubjectWeight * testScore) / subjects.Length;
            foreach (var subject in subjects)
            {
                boosts.Add((subject, boost, index.Paths[test]));
            }
        }

        // Boosts are collected first, so one test's boost does not feed another's.
        foreach (var (subject, boost, test) in boosts)
        {
            evidence[subject].Add("tested", boost, $"its test {test[(test.LastIndexOf('/') + 1)..]} matches");
        }
    }

    /// <summary>
    /// A test file that follows no naming convention (django's <c>tests/queries/tests.py</c>) says what it tests by what
    /// changed with it: a fix and its test land in one commit. The best-matching such tests lend each of the few code
    /// files they most often changed with a share of their score, relative to the best of them.
    /// </summary>
    private static void ApplyTestHistory(CodeIndex index, ChangeHistory history, PathIndex paths, Func<int, double> score, EvidenceTable evidence)
    {
        var tests = paths.UnmappedTests.Select(t => (Test: t, Score: score(t)))
            .Where(t => t.Score > 0).OrderByDescending(t => t.Score).Take(HistoryTestAnchors).ToList();
        if (tests.Count == 0)
        {
            return;
        }

        // Boosts are collected first, so that they do not change the scores the tests are ordered by.
        var best = tests[0].Score;
        var boosts = new List<(int Document, double Boost, string Test)>();
        foreach (var (test, testScore) in tests)
        {
            var testPath = index.Paths[test];
            var partners = history.ChangedWith(testPath)
                .Where(p => p.Confidence >= MinTestPartnerConfidence)
                .Select(p => (Document: paths.Find(p.Path), p.Confidence))
                .Where(p => p.Document is { } d && !paths.IsTest(d) && !paths.IsDocumentation(d))
                .Take(TestPartners);
            foreach (var (document, confidence) in partners)
            {
                boosts.Add((document!.Value, TestHistoryWeight * confidence * testScore / best, testPath));
            }
        }

        foreach (var (document, boost, test) in boosts)
        {
            evidence[document].Add("test-history", boost, $"changes together with the test {ShortTestName(test)}");
        }
    }

    /// <summary>
    /// Files that historically change together with the best few candidates rise with them, in proportion to how
    /// often they did and how good the candidate is. Returns a small prior per file for how often it changed (kept
    /// apart from the evidence, which is made only for the few files something points at).
    /// </summary>
    private static double[]? ApplyHistory(CodeIndex index, ChangeHistory history, PathIndex paths, Func<int, double> score, EvidenceTable evidence)
    {
        var candidates = new List<(int Document, double Score)>();
        var maxChanges = 0;
        for (var i = 0; i < index.Count; i++)
        {
            var s = score(i);
            if (s > 0)
            {
                candidates.Add((i, s));
                maxChanges = Math.Max(maxChanges, history.Changes(index.Paths[i]));
            }
        }

        var anchors = candidates.Where(c => !paths.IsTest(c.Document) && !paths.IsDocumentation(c.Document))
            .OrderByDescending(c => c.Score).Take(CoChangeAnchors).ToList();
        if (anchors.Count == 0)
        {
            return null;
        }

        var boosts = new List<(int Document, double Boost, string Anchor)>();
        var best = anchors[0].Score;
        foreach (var (anchor, anchorScore) in anchors)
        {
            var anchorPath = index.Paths[anchor];
            foreach (var (partner, confidence) in history.ChangedWith(anchorPath))
            {
                if (confidence >= MinCoChangeConfidence && paths.Find(partner) is { } document && document != anchor)
                {
                    boosts.Add((document, CoChangeWeight * confidence * anchorScore / best, anchorPath));
                }
            }
        }

        foreach (var (document, boost, anchor) in boosts)
        {
            evidence[document].Add("co-change", boost, $"changes together with {anchor[(anchor.LastIndexOf('/') + 1)..]}");
        }

        if (maxChanges <= 1)
        {
            return null;
        }

        var churn = new double[index.Count];
        var scale = Math.Log(1 + maxChanges);
        foreach (var (document, _) in candidates)
        {
            churn[document] = ChangePriorWeight * Math.Log(1 + history.Changes(index.Paths[document])) / scale;
        }

        return churn;
    }

    /// <summary>
    /// A request that reads like the subject of a past commit points at the files that commit changed: bugs recur where
    /// they were fixed before. Each of the most similar commits lends its files a share of its similarity (relative to
    /// the best, to the power <see cref="PastChangeSimilarityPower"/>, split over its files); tests and prose are left
    /// out.
    /// </summary>
    private static void ApplyPastChanges(QueryTerms query, ChangeHistory history, PathIndex paths, EvidenceTable evidence)
    {
        var similar = history.SimilarChanges(query.Terms, query.Weights, PastChangeCommits);
        if (similar.Count == 0 || similar[0].Score <= 0)
        {
            return;
        }

        var best = similar[0].Score;
        var totals = new Dictionary<int, (double Share, string Subject)>();
        foreach (var (change, score) in similar)
        {
            var files = change.Files.Select(paths.Find).OfType<int>().Where(d => !paths.IsTest(d) && !paths.IsDocumentation(d)).ToList();
            foreach (var document in files)
            {
                var (share, subject) = totals.GetValueOrDefault(document);
                totals[document] = (share + (Math.Pow(score / best, PastChangeSimilarityPower) / Math.Sqrt(files.Count)), subject ?? change.Subject);
            }
        }

        foreach (var (document, (share, subject)) in totals)
        {
            evidence[document].Add("past-change", PastChangeWeight * Math.Min(1, share), $"changed by a past commit much like it: \"{Shorten(subject)}\"");
        }
    }

    private static void ApplyPathHints(CodeReferences references, PathIndex paths, EvidenceTable evidence)
    {
        var outerFrames = OuterFramePaths(references, paths);
        foreach (var hint in references.PathHints())
        {
            var (matches, full) = paths.Match(hint.Path);
            var bare = !hint.Path.Contains('/', StringComparison.Ordinal);
            var named = outerFrames.Contains(hint.Path) ? NamedBoost * OuterFrameNamedFactor : NamedBoost;
            foreach (var index in matches)
            {
                // "python manage.py migrate" is about the reporter's project, not the sample project under tests/: a bare
                // name names a test file only by its basename, and the file stays down-weighted as a test.
                var e = evidence[index];
                if (full && !(bare && paths.IsTest(index)))
                {
                    e.Add("named", named, "named in the text");
                    e.Named = true;
                }
                else
                {
                    e.Add("basename", BasenameBoost / Math.Sqrt(matches.Count), "basename named in the text");
                }

                if (hint.Lines is { } lines && (full || matches.Count == 1))
                {
                    e.Ranges.Add(lines.Start == lines.End ? Around(lines.Start) : lines);
                }
            }
        }
    }

    /// <summary>
    /// The frames innermost first: Python prints the innermost frame last ("most recent call last"), the other
    /// languages first.
    /// </summary>
    private static IEnumerable<StackFrameReference> InnermostFirst(CodeReferences references) =>
        references.StackFrames.Where(f => f.Language != StackFrameLanguage.Python)
            .Concat(references.StackFrames.Where(f => f.Language == StackFrameLanguage.Python).Reverse());

    /// <summary>The paths of the frames that call the innermost frame of this repository, written only as such.</summary>
    private static HashSet<string> OuterFramePaths(CodeReferences references, PathIndex paths)
    {
        var outer = new HashSet<string>(StringComparer.Ordinal);
        string? innermost = null;
        foreach (var frame in InnermostFirst(references))
        {
            if (frame.Path is not { } path || (innermost is null && paths.Match(path).Matches.Count == 0))
            {
                continue;
            }

            innermost ??= path;
            if (!string.Equals(path, innermost, StringComparison.Ordinal))
            {
                outer.Add(path);
            }
        }

        return outer;
    }

    private static void ApplyStackFrames(CodeReferences references, PathIndex paths, EvidenceTable evidence)
    {
        var packagedHints = references.PathHints().Where(h => h.Source == PathHintSource.StackFrame).ToList();

        // The frame where the error happened matters most, its callers less and less. Depth counts only frames in
        // this repository, so library frames above the first one of ours do not push it down.
        var frames = InnermostFirst(references);
        var depth = 0;
        foreach (var frame in frames)
        {
            if (frame.Path is null)
            {
                continue;
            }

            var (matches, full) = paths.Match(frame.Path);
            if (!full && frame.Language == StackFrameLanguage.Java)
            {
                var packaged = packagedHints.FirstOrDefault(h => h.Path.EndsWith("/" + frame.Path, StringComparison.Ordinal));
                if (packaged is not null)
                {
                    (matches, full) = paths.Match(packaged.Path);
                }
            }

            if (!full && matches.Count != 1)
            {
                continue;
            }

            var boost = FrameBoost * Math.Max(FrameDepthFloor, Math.Pow(FrameDepthDecay, depth++));
            foreach (var index in matches)
            {
                var e = evidence[index];
                e.Named = true;
                var reason = frame.Line is { } line ? $"stack frame line {line}" : "in a stack frame";
                e.Add(reason, boost, reason, key: "frame");
                if (frame.Line is { } frameLine)
                {
                    e.Ranges.Add(Around(frameLine));
                }
            }
        }
    }

    /// <summary>
    /// A callable whose signature refused the call (<see cref="RefusedCallReference"/>) is the frame a Python traceback
    /// leaves out, the one it was entering: its definition counts as much as the innermost frame. A qualified name
    /// (<c>RST.__init__</c>) points at the files defining both; a bare one counts by how specific it is and how few files
    /// define it (<c>__init__()</c> alone says nothing).
    /// </summary>
    private static void ApplyRefusedCalls(CodeReferences references, Corpus corpus, EvidenceTable evidence)
    {
        foreach (var call in references.RefusedCalls)
        {
            if (MentionedSymbol.Parse(call.Callable) is not { } symbol)
            {
                continue;
            }

            var members = corpus.Definitions(symbol.Member);
            var owners = symbol.Type is null ? null : corpus.Definitions(symbol.Type).Select(t => t.Document).ToHashSet();
            var defining = owners is null ? members : members.Where(m => owners.Contains(m.Document)).ToList();
            var files = defining.Select(d => d.Document).Distinct().Count();
            if (files == 0)
            {
                continue;
            }

            var boost = FrameBoost * (owners is null ? corpus.Specificity(symbol.Member) : 1) / Math.Sqrt(files);
            foreach (var (document, line) in defining)
            {
                var reason = $"{call.Callable}() refused the call: {call.Complaint}";
                evidence[document].Add("refused-call", boost, reason);
                evidence[document].Ranges.Add(new LineRange(line, line + ContextLines));
            }
        }
    }

    private static void ApplyModules(CodeReferences references, CodeIndex index, PathIndex paths, EvidenceTable evidence, QueryTerms query)
    {
        var found = new List<(string Module, List<int> Matches)>();

        // A bare name with a file's extension that names no file may be a module: format="ascii.rst" is io/ascii/rst.py.
        var dotted = references.Identifiers.Where(i => i.Style == IdentifierStyle.Dotted).Select(i => i.Name)
            .Concat(references.FilePaths.Select(f => f.Path).Where(p => !p.Contains('/', StringComparison.Ordinal) && p.Contains('.', StringComparison.Ordinal) && paths.Match(p).Matches.Count == 0));
        foreach (var name in dotted)
        {
            var parts = name.Split('.');
            for (var take = parts.Length; take >= 2; take--)
            {
                var matches = paths.MatchModule(parts[..take]);
                if (matches.Count == 0)
                {
                    continue;
                }

                found.Add((string.Join('.', parts[..take]), matches));
                break;
            }
        }

        // A text that names many modules is listing them (a configuration's extensions, installed apps): each counts
        // for less.
        var distinct = found.Select(f => f.Module).Distinct(StringComparer.Ordinal).Count();
        var dilution = distinct > ModuleListSize ? Math.Sqrt((double)ModuleListSize / distinct) : 1;
        foreach (var (module, matches) in found)
        {
            foreach (var document in matches)
            {
                // A named package whose __init__.py is short mostly re-exports its modules: the code is in a sibling.
                var reexports = index.Paths[document].EndsWith("__init__.py", StringComparison.Ordinal) && index.Lengths[document] < ShortPackageInitTerms;
                var prose = query.ProseText.Contains(module, StringComparison.Ordinal) ? 1 : ExampleOnlyFactor;
                evidence[document].Add("module", prose * ModuleBoost * dilution * (reexports ? ShortPackageInitFactor : 1) / Math.Sqrt(matches.Count), $"module {module} named in the text");
            }
        }
    }

    /// <summary>
    /// A word of the summary line that is a file's name (<c>LaTeX: ...</c> and <c>latex.py</c>, <c>autodoc_typehints</c>
    /// and <c>autodoc/typehints.py</c>, <c>mocked</c> and <c>mock.py</c>), when few files bear it. Worth more when the
    /// file's folder is named in the text too, less when the word is common in the repository. Words of the rest of the
    /// text name too many files by chance to help (measured).
    /// </summary>
    private static void ApplyStems(QueryTerms query, Corpus corpus, PathIndex paths, EvidenceTable evidence)
    {
        var terms = query.Terms.ToHashSet(StringComparer.Ordinal);
        foreach (var term in query.Terms)
        {
            if (term.Length < MinStemLength || !query.Title.Contains(term))
            {
                continue;
            }

            var matches = CodeFilesNamed(term, paths);
            foreach (var suffix in StemSuffixes)
            {
                if (matches.Count > 0)
                {
                    break;
                }

                if (term.Length - suffix.Length >= MinStemLength && term.EndsWith(suffix, StringComparison.Ordinal))
                {
                    matches = CodeFilesNamed(term[..^suffix.Length], paths);
                }
            }

            if (matches.Count is 0 or > MaxStemFiles)
            {
                continue;
            }

            var boost = TitleStemBoost * corpus.Specificity(term) / Math.Sqrt(matches.Count);
            foreach (var document in matches)
            {
                var folder = FolderName(paths.PathOf(document));
                var withFolder = folder.Length > 0 && terms.Contains(folder);
                evidence[document].Add("stem", boost * (withFolder ? StemFolderFactor : 1), $"{term} in the summary names the file");
            }
        }
    }

    /// <summary>
    /// A word of the summary line that is the name of a folder holding at most <see cref="MaxFolderFiles"/> code files
    /// (<c>TimeSeries: ...</c> and <c>timeseries/</c>) lifts them a little, less when the word is common.
    /// </summary>
    private static void ApplyFolders(QueryTerms query, Corpus corpus, PathIndex paths, EvidenceTable evidence)
    {
        foreach (var term in query.Terms)
        {
            if (term.Length < MinStemLength || !query.Title.Contains(term))
            {
                continue;
            }

            var files = paths.CodeFilesIn(term);
            if (files.Count is 0 or > MaxFolderFiles)
            {
                continue;
            }

            var boost = FolderBoost * corpus.Specificity(term) / Math.Sqrt(files.Count);
            foreach (var document in files)
            {
                evidence[document].Add("folder", boost, $"{term} in the summary names the folder");
            }
        }
    }

    /// <summary>The files with the stem <paramref name="stem"/> that are neither tests nor documentation.</summary>
    private static List<int> CodeFilesNamed(string stem, PathIndex paths) =>
        [.. paths.MatchStemIgnoringCase(stem).Where(d => !paths.IsTest(d) && !paths.IsDocumentation(d))];

    /// <summary>The lower-cased name of the folder a file is in; empty at the root.</summary>
    private static string FolderName(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash <= 0)
        {
            return string.Empty;
        }

        var start = path.LastIndexOf('/', slash - 1) + 1;
        return path[start..slash].ToLowerInvariant();
    }

    private static void ApplyDefinitions(CodeReferences references, QueryTerms query, Corpus corpus, PathIndex paths, EvidenceTable evidence)
    {
        var definitionBoost = new Dictionary<int, double>();
        double InTitle(string? name) => name is not null && query.Title.Contains(name.ToLowerInvariant()) ? TitleDefinitionFactor : 1;
        var framed = references.StackFrames.Where(f => f.Symbol is not null)
            .SelectMany(f => f.Symbol!.Split(MentionedSymbol.Separators, StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        // A name the request defines itself (class User(models.Model): in its example) is the reporter's, not the
        // repository's, unless the summary names it (then the report quotes the code it is about) or a frame runs it.
        bool Reporters(string name) => query.DefinedHere.Contains(name) && !framed.Contains(name) && InTitle(name) == 1;
        double InProse(string? name) =>
            name is null ? 1
            : Reporters(name) ? 0
            : framed.Contains(name) || query.Prose.Contains(name.ToLowerInvariant()) ? 1 : ExampleOnlyFactor;
        foreach (var symbol in MentionedSymbol.From(references))
        {
            var memberSpecificity = corpus.Specificity(symbol.Member) * InTitle(symbol.Member) * InProse(symbol.Member);
            var typeSpecificity = symbol.Type is null ? 0 : corpus.Specificity(symbol.Type) * InTitle(symbol.Type) * InProse(symbol.Type);
            var members = corpus.Definitions(symbol.Member);
            var types = symbol.Type is null ? [] : corpus.Definitions(symbol.Type);
            var typeDocuments = types.Select(t => t.Document).ToHashSet();
            var memberDocuments = members.Select(m => m.Document).Distinct().ToList();
            foreach (var (document, line) in members)
            {
                var qualified = typeDocuments.Contains(document);
                var boost = qualified ? QualifiedDefinitionBoost * Math.Max(memberSpecificity, typeSpecificity)
                    : MemberDefinitionBoost * memberSpecificity / Math.Sqrt(memberDocuments.Count) / (typeDocuments.Count > 0 ? 2 : 1);
                var name = qualified ? $"{symbol.Type}.{symbol.Member}" : symbol.Member;
                AddDefinition(evidence[document], definitionBoost, document, boost, name, line);
            }

            foreach (var (document, line) in types)
            {
                if (!memberDocuments.Contains(document))
                {
                    AddDefinition(evidence[document], definitionBoost, document, TypeDefinitionBoost * typeSpecificity / Math.Sqrt(typeDocuments.Count), symbol.Type!, line);
                }
            }

            foreach (var name in new[] { symbol.Type, symbol.Member })
            {
                if (name is { Length: >= 4 } && char.IsUpper(name[0]))
                {
                    var named = paths.MatchStem(name);
                    foreach (var index in named)
                    {
                        evidence[index].Add("named-after:" + name, FileNamedAfterBoost * corpus.Specificity(name) / Math.Sqrt(named.Count), $"file named after {name}");
                    }
                }

                // Python and Ruby name a module after its main type in lower case (class Mod in mod.py): the file that
                // both carries the name and defines it is the type's home.
                if (name is { Length: >= 3 } && char.IsUpper(name[0]))
                {
                    var definers = corpus.Definitions(name).Select(d => d.Document).ToHashSet();
                    var homes = paths.MatchStemIgnoringCase(name).Where(definers.Contains).ToList();
                    foreach (var index in homes)
                    {
                        evidence[index].Add("home:" + name, HomeBoost * corpus.Specificity(name) / Math.Sqrt(homes.Count), $"{name} is defined in the file named after it");
                    }
                }
            }
        }
    }

    private static void AddDefinition(Evidence e, Dictionary<int, double> totals, int document, double boost, string name, int line)
    {
        var reason = $"defines {name}";
        if (!e.HasReason(reason))
        {
            var before = totals.GetValueOrDefault(document);
            var added = Math.Min(boost, MaxDefinitionBoost - before);
            if (added > 0)
            {
                totals[document] = before + added;
                e.Add(reason, added, reason);
            }
        }

        if (boost >= MemberDefinitionBoost / 2)
        {
            e.Ranges.Add(new LineRange(Math.Max(1, line - 2), line + WindowLines - 3));
        }
    }

    private static void ApplyMessages(CodeReferences references, CodeIndex index, PathIndex paths, double[] bm25, Func<int, string?> readText, EvidenceTable evidence, CancellationToken cancellationToken)
    {
        var reads = 0;
        long terms = 0;
        foreach (var message in references.Messages)
        {
            var fragment = LongestFragment(message.Text);
            if (message.Text.Length < 8 && fragment is null)
            {
                continue;
            }

            // Only files holding every term of the (shorter) fragment can contain it. The first and last terms are left
            // out when that still narrows the search enough, because a quote may start or end inside a word. Those files
            // are then searched for the literal text.
            var words = CodeTokenizer.Tokenize(fragment ?? message.Text);
            if (words.Count == 0)
            {
                continue;
            }

            var candidates = words.Count > 2 ? index.DocumentsWithAll(words[1..^1]) : [];
            if (candidates.Count == 0 || candidates.Count > MaxMessageCandidates)
            {
                candidates = index.DocumentsWithAll(words);
            }
            // Code is searched before tests and prose (a message quoted from a program is often in its translations
            // too, dozens of large .po files), then the files that match the request best; the search stops after a
            // bounded number of reads and of text per request, so a request quoting common phrases stays fast.
            var ordered = candidates.OrderBy(d => paths.IsTest(d) || paths.IsDocumentation(d)).ThenByDescending(d => bm25[d]);
            Regex? split = null;
            foreach (var document in ordered.Take(MaxMessageCandidates))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reads >= MaxMessageReads)
                {
                    return;
                }

                // A file bigger than what is left of the budget is passed over; smaller ones after it are still read.
                if (terms + index.Lengths[document] > MaxMessageTerms)
                {
                    continue;
                }

                reads++;
                terms += index.Lengths[document];

                if (readText(document) is not { } body)
                {
                    continue;
                }

                var at = body.IndexOf(message.Text, StringComparison.Ordinal);
                var full = at >= 0;
                if (!full && fragment is not null)
                {
                    at = body.IndexOf(fragment, StringComparison.Ordinal);
                }

                if (at < 0)
                {
                    split ??= SplitLiteralPattern(fragment ?? message.Text);
                    at = FindSplit(split, body);
                    full = fragment is null;
                }

                if (at < 0)
                {
                    continue;
                }

                var shown = full ? message.Text : fragment!;
                evidence[document].Add("message", full ? MessageBoost : MessageFragmentBoost, $"contains \"{Shorten(shown)}\"");
                evidence[document].Ranges.Add(Around(LineOf(body, at)));
            }
        }
    }

    /// <summary>
    /// The message as source code writes a long one: adjacent string literals over several lines, joined or not by
    /// <c>+</c> (<c>"refers to the nonexistent field, "</c> then <c>"related field, or lookup"</c> on the next line).
    /// Null for a single word, which has nowhere to be split.
    /// </summary>
    private static Regex? SplitLiteralPattern(string text)
    {
        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length < 2
            ? null
            : new Regex(string.Join(LiteralBreak, words.Select(Regex.Escape)), RegexOptions.CultureInvariant, MessageSearchTimeout);
    }

    private static int FindSplit(Regex? pattern, string body)
    {
        try
        {
            return pattern?.Match(body) is { Success: true } found ? found.Index : -1;
        }
        catch (RegexMatchTimeoutException)
        {
            return -1;
        }
    }

    /// <summary>The longest run of the message between quotes, digits and colons (the fixed part of a formatted message).</summary>
    private static string? LongestFragment(string message)
    {
        var pieces = message.Split(['"', '\'', '`', ':', '{', '}', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '(', ')']);
        var longest = pieces.Select(p => p.Trim()).MaxBy(p => p.Length);
        return longest is { Length: >= 15 } && longest != message ? longest : null;
    }

    private static RankedFile Describe(string path, string text, double score, Evidence e, Corpus corpus, QueryTerms query, int index)
    {
        var reasons = new List<string>(e.Reasons);
        var matched = corpus.MatchedTerms(index, 6);
        if (matched.Count > 0)
        {
            reasons.Add("matches: " + string.Join(", ", matched));
        }

        if (e.IsTest)
        {
            reasons.Add("test file (down-weighted)");
        }

        if (e.IsDocumentation)
        {
            reasons.Add("documentation (down-weighted)");
        }

        var lineCount = CountLines(text);
        var ranges = new List<LineRange>();
        foreach (var range in e.Ranges)
        {
            var clipped = Clip(range, lineCount);
            if (clipped is not null)
            {
                AddMerged(ranges, clipped);
            }
        }

        if (ranges.Count == 0)
        {
            foreach (var window in BestWindows(text, lineCount, query, corpus))
            {
                AddMerged(ranges, window);
            }
        }

        return new RankedFile(path, Math.Round(score, 4), ranges.Take(MaxRanges).ToList(), reasons);
    }

    private static List<LineRange> BestWindows(string text, int lineCount, QueryTerms query, Corpus corpus)
    {
        if (lineCount <= WindowLines)
        {
            return [new LineRange(1, Math.Max(1, lineCount))];
        }

        var lineScores = new double[lineCount];
        var sink = new LineSink(query.Lookup, corpus.TermWeights, new HashSet<int>());
        var lineNumber = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (lineNumber >= lineCount)
            {
                break;
            }

            sink.Reset();
            CodeTokenizer.Tokenize(line, ref sink);
            lineScores[lineNumber++] = sink.Score;
        }

        var sums = new double[lineCount - WindowLines + 1];
        var running = lineScores.Take(WindowLines).Sum();
        sums[0] = running;
        for (var start = 1; start < sums.Length; start++)
        {
            running += lineScores[start + WindowLines - 1] - lineScores[start - 1];
            sums[start] = running;
        }

        var windows = new List<LineRange>();
        var best = Array.IndexOf(sums, sums.Max());
        windows.Add(new LineRange(best + 1, best + WindowLines));
        var second = -1;
        for (var start = 0; start < sums.Length; start++)
        {
            if (Math.Abs(start - best) >= WindowLines && (second < 0 || sums[start] > sums[second]))
            {
                second = start;
            }
        }

        if (second >= 0 && sums[best] > 0 && sums[second] >= sums[best] / 2)
        {
            windows.Add(new LineRange(second + 1, second + WindowLines));
        }

        return windows;
    }

    private static void AddMerged(List<LineRange> ranges, LineRange range)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            var existing = ranges[i];
            if (existing.Start <= range.End + 1 && range.Start <= existing.End + 1)
            {
                ranges[i] = new LineRange(Math.Min(existing.Start, range.Start), Math.Max(existing.End, range.End));
                return;
            }
        }

        ranges.Add(range);
    }

    private static LineRange Around(int line) => new(Math.Max(1, line - ContextLines), line + ContextLines);

    private static LineRange? Clip(LineRange range, int lineCount)
    {
        var start = Math.Max(1, range.Start);
        var end = Math.Min(lineCount, range.End);
        return start > end ? null : new LineRange(start, end);
    }

    private static int CountLines(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var count = text.AsSpan().Count('\n');
        return text[^1] == '\n' ? count : count + 1;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>A test's folder and name (<c>queries/tests.py</c>): tests without a naming convention share their names.</summary>
    private static string ShortTestName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash > 0 ? path[(path.LastIndexOf('/', slash - 1) + 1)..] : path;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    /// <summary>The query's unique terms with their weights (1 + ln of how often the text repeats them).</summary>
    private sealed class QueryTerms
    {
        private QueryTerms(List<string> terms, double[] weights, string? summary, HashSet<string> title)
        {
            Summary = summary;
            Terms = terms;
            Weights = weights;
            Title = title;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < terms.Count; i++)
            {
                index[terms[i]] = i;
            }

            Lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public List<string> Terms { get; }

        public double[] Weights { get; }

        /// <summary>The terms of the first line, when it reads as a summary; empty otherwise.</summary>
        public HashSet<string> Title { get; }

        /// <summary>The terms of the text outside code (fenced blocks, indented and prompt lines), backtick spans included.</summary>
        public HashSet<string> Prose { get; init; } = [];

        /// <summary>
        /// The names the request itself defines (<c>class Book(Readable):</c>, <c>def test_it(self):</c>), at the start
        /// of a line or after a prompt (<c>&gt;&gt;&gt; class A(Basic):</c>).
        /// </summary>
        public HashSet<string> DefinedHere { get; init; } = [];

        /// <summary>The text outside code, as written: dotted module names are looked up in it.</summary>
        public string ProseText { get; init; } = string.Empty;

        /// <summary>The request's first line when it reads as a summary (see <see cref="SummaryLine"/>), or null.</summary>
        public string? Summary { get; }

        public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

        public static QueryTerms From(string text)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var token in CodeTokenizer.Tokenize(text))
            {
                if (counts.TryGetValue(token, out var count))
                {
                    counts[token] = count + 1;
                }
                else if (order.Count < MaxQueryTerms)
                {
                    counts[token] = 1;
                    order.Add(token);
                }
            }

            var (code, prose, proseText) = CodeAndProse(text);
            var summary = SummaryLine(text);
            HashSet<string> title = summary is null ? [] : CodeTokenizer.Tokenize(summary).ToHashSet(StringComparer.Ordinal);
            return new QueryTerms(order, order.Select(t => (1 + Math.Log(counts[t])) * (code.Contains(t) ? CodeTermWeight : 1)).ToArray(), summary, title)
            {
                Prose = prose,
                ProseText = proseText,
                DefinedHere = DefinedIn(text),
            };
        }

        private static HashSet<string> DefinedIn(string text)
        {
            var unprompted = new System.Text.StringBuilder(text.Length);
            foreach (var line in text.Split('\n'))
            {
                var start = line.AsSpan().TrimStart();
                unprompted.Append(start.StartsWith(">>>") || start.StartsWith("...") ? start[3..] : line).Append('\n');
            }

            var definitions = new List<(string Name, int Line)>();
            SymbolDefinitionFinder.Find(unprompted.ToString(), definitions);
            return definitions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        }

        /// <summary>
        /// The request's first line when it reads as a summary (at least <see cref="MinTitleTerms"/> terms, at most
        /// <see cref="MaxTitleLength"/> characters), or null: a greeting or a pasted wall of text is no title.
        /// </summary>
        private static string? SummaryLine(string text)
        {
            var firstLine = text.TrimStart().Split('\n', 2)[0].Trim();
            return firstLine.Length <= MaxTitleLength && CodeTokenizer.Tokenize(firstLine).Distinct(StringComparer.Ordinal).Take(MinTitleTerms).Count() >= MinTitleTerms
                ? firstLine
                : null;
        }

        /// <summary>
        /// Terms written as code: in fenced blocks, indented or prompt (<c>&gt;&gt;&gt;</c>) lines, and backtick spans;
        /// and the prose: every other line, backtick spans included (naming code inline is pointing at it).
        /// </summary>
        private static (HashSet<string> Code, HashSet<string> Prose, string ProseText) CodeAndProse(string text)
        {
            var code = new System.Text.StringBuilder();
            var proseText = new System.Text.StringBuilder();
            var fenced = false;
            foreach (var line in text.Split('\n'))
            {
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    fenced = !fenced;
                    continue;
                }

                if (fenced || trimmed.StartsWith(">>>", StringComparison.Ordinal) || line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('\t'))
                {
                    code.AppendLine(line);
                    continue;
                }

                proseText.AppendLine(line);
                var parts = line.Split('`');
                for (var i = 1; i < parts.Length; i += 2)
                {
                    code.AppendLine(parts[i]);
                }
            }

            var prose = proseText.ToString();
            return ([.. CodeTokenizer.Tokenize(code.ToString())], [.. CodeTokenizer.Tokenize(prose)], prose);
        }
    }

    /// <summary>BM25 over the index's postings of the query's terms, and the index's definitions.</summary>
    private sealed class Corpus
    {
        private readonly CodeIndex _index;
        private readonly QueryTerms _query;
        private readonly Posting[] _postings;

        public Corpus(CodeIndex index, QueryTerms query)
        {
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

            AverageLength = Math.Max(1, index.Lengths.Average());
        }

        /// <summary>idf times query weight, per query term.</summary>
        public double[] TermWeights { get; }

        private double AverageLength { get; }

        public IReadOnlyList<(int Document, int Line)> Definitions(string name) => _index.Definitions(name);

        /// <summary>
        /// How much a name singles files out, from 1 (its word is in at most 1 file in 20) down to a floor (it is in
        /// most files, like <c>Symbol</c> in a computer-algebra library): what a definition or a file name is worth.
        /// </summary>
        public double Specificity(string name)
        {
            // In a small repository no name is common enough to discount: count as if it had at least 1,000 files.
            var frequency = _index.Postings(name.ToLowerInvariant()).Length;
            var documents = Math.Max(_index.Count, SpecificityMinFiles);
            var idf = Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));
            return Math.Clamp(idf / SpecificIdf, MinSpecificity, 1);
        }

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
                    var norm = K1 * (1 - B + (B * lengths[d] / AverageLength));
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

    private struct LineSink(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, double[] weights, HashSet<int> seen) : ITokenSink
    {
        public double Score { get; private set; }

        public void Reset()
        {
            Score = 0;
            seen.Clear();
        }

        public void Add(ReadOnlySpan<char> token)
        {
            if (lookup.TryGetValue(token, out var term) && seen.Add(term))
            {
                Score += weights[term];
            }
        }
    }

    /// <summary>Finds repository files by a written path, a module name or a file stem.</summary>
    private sealed class PathIndex
    {
        private readonly IReadOnlyList<string> _files;
        private readonly Dictionary<string, List<int>> _byBasename = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<int>> _byStem = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);
        private readonly bool[] _isTest;
        private readonly bool[] _isDocumentation;
        private readonly Lazy<TestSourceMap> _tests;
        private readonly Lazy<Dictionary<string, List<int>>> _codeByFolder;
        private readonly Lazy<int[]> _unmappedTests;
        private readonly string[] _templatePaths;
        private IssueTemplate? _template;

        public PathIndex(IReadOnlyList<string> files)
        {
            _files = files;

            // Classified once per commit's index rather than by a regular expression per file and query.
            var isTest = _isTest = [.. files.Select(TestFileClassifier.IsTest)];
            var isDocumentation = _isDocumentation = [.. files.Select(TestFileClassifier.IsDocumentation)];
            _tests = new Lazy<TestSourceMap>(() => TestSourceMap.Build(files, isTest, isDocumentation));
            _codeByFolder = new Lazy<Dictionary<string, List<int>>>(CodeByFolder);
            _unmappedTests = new Lazy<int[]>(() => [.. Enumerable.Range(0, files.Count).Where(i => isTest[i] && Tests.Subjects(i).Count == 0)]);
            _templatePaths = [.. files.Where(IssueTemplate.IsTemplate)];
            for (var i = 0; i < files.Count; i++)
            {
                var basename = Basename(files[i]);
                Add(_byBasename, basename, i);
                var dot = basename.LastIndexOf('.');
                Add(_byStem, dot > 0 ? basename[..dot] : basename, i);
                _byPath[files[i]] = i;
            }
        }

        /// <summary>Builds the test-to-source map and the folders' code files now rather than on first use.</summary>
        public void Prepare()
        {
            _ = _tests.Value;
            _ = _codeByFolder.Value;
            _ = _unmappedTests.Value;
        }

        /// <summary>The lines of the commit's issue templates, read on first use.</summary>
        public IssueTemplate Template(Func<string, string?> readText) =>
            LazyInitializer.EnsureInitialized(ref _template, () => _templatePaths.Length == 0 ? IssueTemplate.None : IssueTemplate.From(_templatePaths.Select(readText)));

        /// <summary>Which product file each test file tests.</summary>
        public TestSourceMap Tests => _tests.Value;

        /// <summary>The test files that the naming conventions map to no product file.</summary>
        public IReadOnlyList<int> UnmappedTests => _unmappedTests.Value;

        /// <summary>Whether the document is a test file, by its path.</summary>
        public bool IsTest(int document) => _isTest[document];

        /// <summary>Whether the document is prose or housekeeping (docs, changelogs, CI), by its path.</summary>
        public bool IsDocumentation(int document) => _isDocumentation[document];

        /// <summary>The document of an exact path, or null.</summary>
        public int? Find(string path) => _byPath.TryGetValue(path, out var document) ? document : null;

        /// <summary>The code files (not tests, not documentation) directly in folders named <paramref name="folder"/>.</summary>
        public List<int> CodeFilesIn(string folder) => _codeByFolder.Value.TryGetValue(folder, out var files) ? files : [];

        private Dictionary<string, List<int>> CodeByFolder()
        {
            var byFolder = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _files.Count; i++)
            {
                var name = FolderName(_files[i]);
                if (name.Length > 0 && !IsTest(i) && !IsDocumentation(i))
                {
                    Add(byFolder, name, i);
                }
            }

            return byFolder;
        }

        /// <summary>The path of a document.</summary>
        public string PathOf(int document) => _files[document];

        /// <summary>
        /// Files whose path ends with the most trailing segments of <paramref name="path"/>. Full: the whole written
        /// path is a suffix of the file's path, or at least two segments and the file's whole path match.
        /// </summary>
        public (List<int> Matches, bool Full) Match(string path)
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length == 0 || !_byBasename.TryGetValue(segments[^1], out var candidates))
            {
                return ([], false);
            }

            var best = new List<int>();
            var bestDepth = 0;
            var bestFull = false;
            foreach (var candidate in candidates)
            {
                var fileSegments = _files[candidate].Split('/');
                var depth = 0;
                while (depth < segments.Length && depth < fileSegments.Length
                    && string.Equals(segments[^(depth + 1)], fileSegments[^(depth + 1)], StringComparison.OrdinalIgnoreCase))
                {
                    depth++;
                }

                var full = depth == segments.Length || (depth == fileSegments.Length && depth >= 2);
                if (depth > bestDepth || (depth == bestDepth && full && !bestFull))
                {
                    best.Clear();
                    bestDepth = depth;
                    bestFull = full;
                }

                if (depth == bestDepth && full == bestFull)
                {
                    best.Add(candidate);
                }
            }

            // A bare file name is only "named" when the repository has one file of that name.
            return (best, bestFull && (segments.Length > 1 || best.Count == 1));
        }

        /// <summary>Files whose path without extension ends with the module's segments (<c>a.b.c</c>: <c>.../a/b/c.py</c> or <c>.../a/b/c/__init__.py</c>).</summary>
        public List<int> MatchModule(string[] parts)
        {
            var matches = new List<int>();
            var suffix = "/" + string.Join('/', parts);
            if (_byStem.TryGetValue(parts[^1], out var direct))
            {
                matches.AddRange(direct.Where(i => EndsWithSegments(StripExtension(_files[i]), suffix)));
            }

            if (matches.Count == 0 && _byStem.TryGetValue("__init__", out var packages))
            {
                matches.AddRange(packages.Where(i => EndsWithSegments(Folder(_files[i]), suffix)));
            }

            return matches;
        }

        /// <summary>Files whose name without extension is <paramref name="stem"/> in any case.</summary>
        public List<int> MatchStemIgnoringCase(string stem) => _byStem.TryGetValue(stem, out var list) ? list : [];

        /// <summary>Files whose name without extension is exactly <paramref name="stem"/> (case-sensitive).</summary>
        public List<int> MatchStem(string stem) =>
            _byStem.TryGetValue(stem, out var list) ? list.Where(i => StripExtension(Basename(_files[i])) == stem).ToList() : [];

        private static bool EndsWithSegments(string path, string suffix) =>
            ("/" + path).EndsWith(suffix, StringComparison.Ordinal);

        private static string Basename(string path) => path[(path.LastIndexOf('/') + 1)..];

        private static string Folder(string path) => path[..Math.Max(0, path.LastIndexOf('/'))];

        private static string StripExtension(string path)
        {
            var slash = path.LastIndexOf('/');
            var dot = path.LastIndexOf('.');
            return dot > slash + 1 ? path[..dot] : path;
        }

        private static void Add(Dictionary<string, List<int>> index, string key, int value)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(value);
        }
    }

    /// <summary>What points at one file: boosts by kind (each kind counted once), reasons and referenced lines.</summary>
    private sealed class Evidence
    {
        private readonly Dictionary<string, double> _boosts = new(StringComparer.Ordinal);

        public List<string> Reasons { get; } = [];

        public List<LineRange> Ranges { get; } = [];

        public bool Named { get; set; }

        public bool IsTest { get; set; }

        public bool IsDocumentation { get; set; }

        /// <summary>The sum of the boosts, kept as they are added: ranking asks for it for every candidate.</summary>
        public double Boost { get; private set; }

        public bool HasReason(string reason) => Reasons.Contains(reason);

        public void Add(string kind, double boost, string reason, string? key = null)
        {
            key ??= kind;
            var known = _boosts.TryGetValue(key, out var existing);
            if (!known || existing < boost)
            {
                _boosts[key] = boost;
                Boost += boost - (known ? existing : 0);
            }

            if (!Reasons.Contains(reason))
            {
                Reasons.Add(reason);
            }
        }
    }

    /// <summary>Evidence per document, made only for the few documents something points at.</summary>
    private sealed class EvidenceTable(int count)
    {
        private readonly Evidence?[] _items = new Evidence?[count];

        public Evidence this[int document] => _items[document] ??= new Evidence();

        public double Boost(int document) => _items[document]?.Boost ?? 0;

        public bool IsNamed(int document) => _items[document]?.Named ?? false;

        public Evidence? Find(int document) => _items[document];
    }

    /// <summary>A symbol the text mentions: a member name and, for dotted names and frames, the type or module before it.</summary>
    private sealed record MentionedSymbol(string? Type, string Member)
    {
        public static readonly char[] Separators = ['.', '#', ':', '\\', '/', '>', '-'];

        public static List<MentionedSymbol> From(CodeReferences references)
        {
            var symbols = new List<MentionedSymbol>();
            var seen = new HashSet<MentionedSymbol>();
            void Add(string? raw)
            {
                if (raw is null || Parse(raw) is not { } symbol || !seen.Add(symbol))
                {
                    return;
                }

                symbols.Add(symbol);
            }

            foreach (var identifier in references.Identifiers)
            {
                Add(identifier.Name);
            }

            foreach (var frame in references.StackFrames)
            {
                Add(frame.Symbol);
            }

            foreach (var error in references.ErrorTypes)
            {
                Add(error.SimpleName);
            }

            return symbols;
        }

        public static MentionedSymbol? Parse(string raw)
        {
            var parts = raw.Split(Separators, StringSplitOptions.RemoveEmptyEntries)
                .Select(Clean)
                .Where(p => p.Length > 0)
                .ToList();
            if (parts.Count == 0)
            {
                return null;
            }

            var member = parts[^1];
            var type = parts.Count > 1 ? parts[^2] : null;
            if (member.Length < 3 || CodeTokenizer.IsStopWord(member.ToLower(CultureInfo.InvariantCulture)))
            {
                return type is { Length: >= 3 } ? new MentionedSymbol(null, type) : null;
            }

            return new MentionedSymbol(type is { Length: >= 3 } ? type : null, member);
        }

        /// <summary>Compiler decorations off: <c>(*Service)</c> is Service, <c>&lt;Total&gt;d__4</c> is Total, <c>Total`1</c> is Total.</summary>
        private static string Clean(string part)
        {
            var text = part.Trim('(', ')', '*', '&', '$', ' ');
            if (text.StartsWith('<') && text.IndexOf('>', StringComparison.Ordinal) is var close and > 1)
            {
                text = text[1..close];
            }

            var cut = text.IndexOfAny(['`', '<', '[', '(', ' ', '$']);
            if (cut >= 0)
            {
                text = text[..cut];
            }

            return text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') ? text : string.Empty;
        }
    }
}
