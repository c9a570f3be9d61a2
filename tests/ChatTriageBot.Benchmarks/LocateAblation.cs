using System.Globalization;
using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// What each signal of the ranker contributes: every report ranked again with each signal off in turn, on the commit,
/// index and history the benchmark already opened for it (opening is the expensive part; a ranking is milliseconds).
/// A signal moves a report into the best k (first, best five) when it is there with the signal and not without it, and
/// out of it the other way round.
/// </summary>
internal sealed class LocateAblation(RankingOptions options)
{
    // As the benchmark's own ranking: the metrics look at the best 50.
    private const int Top = 50;

    private readonly List<string> _signals = [.. CodeRanker.SignalNames.Where(s => !options.DisabledSignals.Contains(s))];
    private readonly List<(int? With, int?[] Without)> _reports = [];

    /// <summary>Ranks the report with each signal off; <paramref name="with"/> is its rank with them all on.</summary>
    public void Add(CodeIndex index, Func<string, string?> readText, string text, ChangeHistory? history, IReadOnlyList<string> gold, int? with)
    {
        // The variants read mostly the same files: each is read from git once.
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? Read(string path)
        {
            if (!texts.TryGetValue(path, out var body))
            {
                texts[path] = body = readText(path);
            }

            return body;
        }

        var references = CodeReferenceExtractor.Extract(text);
        var without = new int?[_signals.Count];
        for (var s = 0; s < _signals.Count; s++)
        {
            var off = RankingOptions.Without([.. options.DisabledSignals, _signals[s]]);
            var ranked = CodeRanker.RankIndex(index, Read, text, references, Top, history, off);
            without[s] = FirstRank(gold, ranked.Select(r => r.Path).ToList());
        }

        _reports.Add((with, without));
    }

    /// <summary>The 1-based rank of the best-ranked gold file, or null when none is in the list.</summary>
    public static int? FirstRank(IReadOnlyList<string> gold, IReadOnlyList<string> ranked)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(ranked);
        for (var i = 0; i < ranked.Count; i++)
        {
            if (gold.Contains(ranked[i], StringComparer.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    public void Print()
    {
        var inv = CultureInfo.InvariantCulture;
        var n = _reports.Count;
        if (n == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"### Each signal off in turn ({n} reports)"));
        Console.WriteLine();
        Console.WriteLine("| signal off | any@1 | any@5 | MRR | first: moved in / out by the signal | best five: moved in / out by the signal |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(Row("none (every signal on)", [.. _reports.Select(r => r.With)], "", ""));
        for (var s = 0; s < _signals.Count; s++)
        {
            var without = _reports.Select(r => r.Without[s]).ToList();
            Console.WriteLine(Row(_signals[s], without, Moved(s, 1), Moved(s, 5)));
        }

        // Reports in the best k with the signal and not without it, and the other way round.
        string Moved(int signal, int k) => string.Create(inv,
            $"{_reports.Count(r => r.With <= k && !(r.Without[signal] <= k))} / {_reports.Count(r => !(r.With <= k) && r.Without[signal] <= k)}");

        string Row(string name, List<int?> ranks, string first, string five) => string.Create(inv,
            $"| {name} | {ranks.Count(r => r is 1) / (double)n:0.000} ({ranks.Count(r => r is 1)}) | {ranks.Count(r => r is <= 5) / (double)n:0.000} ({ranks.Count(r => r is <= 5)}) | {ranks.Average(r => r is { } k ? 1.0 / k : 0):0.000} | {first} | {five} |");
    }
}
