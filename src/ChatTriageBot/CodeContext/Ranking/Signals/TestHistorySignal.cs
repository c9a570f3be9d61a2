namespace ChatTriageBot.CodeContext;

/// <summary>
/// A test file that follows no naming convention (django's <c>tests/queries/tests.py</c>) says what it tests by what
/// changed with it: a fix and its test land in one commit. The best-matching such tests lend each of the few code
/// files they most often changed with a share of their score, relative to the best of them. The reason names the test.
/// </summary>
internal sealed class TestHistorySignal : IRankingSignal
{
    // The best-matching unmapped tests that lend.
    private const int HistoryTestAnchors = 10;

    // The code files each test lends to: those it changed with most often.
    private const int TestPartners = 3;

    // A partner must have changed in at least this share of the test's changes; rarer ones changed with it by chance.
    private const double MinTestPartnerConfidence = 0.1;

    // The best test lends its partners up to its confidence in them.
    private const double TestHistoryWeight = 1.0;

    public string Name => "test-history";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.History is not { } history)
        {
            return;
        }

        var paths = context.Paths;
        var tests = paths.UnmappedTests.Select(t => (Test: t, Score: context.Score(t)))
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
            var testPath = context.Index.Paths[test];
            var partners = history.ChangedWith(testPath)
                .Where(p => p.Confidence >= MinTestPartnerConfidence)
                .Select(p => (Document: paths.Find(p.Path), p.Confidence))
                .Where(p => p.Document is { } d && paths.IsCode(d))
                .Take(TestPartners);
            foreach (var (document, confidence) in partners)
            {
                boosts.Add((document!.Value, TestHistoryWeight * confidence * testScore / best, testPath));
            }
        }

        foreach (var (document, boost, test) in boosts)
        {
            context.Evidence[document].Add(EvidenceKind.TestHistory, boost, $"changes together with the test {ShortTestName(test)}");
        }
    }

    /// <summary>A test's folder and name (<c>queries/tests.py</c>): tests without a naming convention share their names.</summary>
    private static string ShortTestName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash > 0 ? path[(path.LastIndexOf('/', slash - 1) + 1)..] : path;
    }
}
