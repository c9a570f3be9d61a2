namespace ChatTriageBot.CodeContext;

/// <summary>
/// A test file that matches the request lends the file it tests (by the naming conventions of
/// <see cref="TestSourceMap"/>: <c>tests/test_parser.py</c> tests <c>parser.py</c>) part of its score: a report reads
/// like the test that would catch it.
/// </summary>
internal sealed class TestSubjectSignal : IRankingSignal
{
    // A test lends half its score...
    private const double TestSubjectWeight = 0.5;

    // ...and at most this much, so that a test named in the text does not lend its subject a named file's weight.
    private const double MaxTestSubjectBoost = 2.0;

    // Only the best-matching tests lend, or every test that shares a common word would lift its subject.
    private const int TestAnchors = 5;

    public string Name => "test-subject";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var boosts = new List<(int Subject, double Boost, string Test)>();
        var tests = context.Paths.Tests.Tests.Select(t => (Test: t.Key, Subjects: t.Value, Score: context.Score(t.Key)))
            .Where(t => t.Score > 0).OrderByDescending(t => t.Score).Take(TestAnchors);
        foreach (var (test, subjects, testScore) in tests)
        {
            var boost = Math.Min(MaxTestSubjectBoost, TestSubjectWeight * testScore) / subjects.Length;
            foreach (var subject in subjects)
            {
                boosts.Add((subject, boost, context.Index.Paths[test]));
            }
        }

        // Boosts are collected first, so one test's boost does not feed another's.
        foreach (var (subject, boost, test) in boosts)
        {
            context.Evidence[subject].Add(EvidenceKind.TestSubject, boost, $"its test {test[(test.LastIndexOf('/') + 1)..]} matches");
        }
    }
}
