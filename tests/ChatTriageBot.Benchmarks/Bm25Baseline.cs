using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// The baseline the locate benchmark compares against: plain BM25 (k1 = 1.2, b = 0.75) over identifier-split,
/// lower-cased tokens of each file's path and content, test files excluded (as in the bench README's baseline).
/// </summary>
internal sealed class Bm25Baseline
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private readonly List<(string Path, Dictionary<string, int> Terms, int Length)> _documents = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    public Bm25Baseline(IReadOnlyList<RepositoryTextFile> files)
    {
        foreach (var file in files)
        {
            if (TestFileClassifier.IsTest(file.Path))
            {
                continue;
            }

            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            var tokens = CodeTokenizer.Tokenize(file.Path + "\n" + file.Text);
            foreach (var token in tokens)
            {
                terms[token] = terms.TryGetValue(token, out var n) ? n + 1 : 1;
            }

            foreach (var term in terms.Keys)
            {
                _documentFrequency[term] = _documentFrequency.TryGetValue(term, out var df) ? df + 1 : 1;
            }

            _documents.Add((file.Path, terms, tokens.Count));
        }

        _averageLength = _documents.Count == 0 ? 1 : _documents.Average(d => (double)d.Length);
    }

    public IReadOnlyList<string> Rank(string query, int top)
    {
        var terms = CodeTokenizer.Tokenize(query).Distinct(StringComparer.Ordinal).ToList();
        var count = _documents.Count;
        var scored = new List<(string Path, double Score)>(count);
        foreach (var (path, documentTerms, length) in _documents)
        {
            var score = 0.0;
            foreach (var term in terms)
            {
                if (!documentTerms.TryGetValue(term, out var frequency))
                {
                    continue;
                }

                var df = _documentFrequency[term];
                var idf = Math.Log(1 + ((count - df + 0.5) / (df + 0.5)));
                score += idf * (frequency * (K1 + 1)) / (frequency + (K1 * (1 - B + (B * length / _averageLength))));
            }

            if (score > 0)
            {
                scored.Add((path, score));
            }
        }

        return [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.Path, StringComparer.Ordinal).Take(top).Select(s => s.Path)];
    }
}
