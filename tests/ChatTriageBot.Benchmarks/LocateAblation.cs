using System.Globalization;
using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// What each signal of the ranker contributes: every report ranked again with each signal off in turn, on the commit,
/// index and history the benchmark already opened for it (opening is the expensive part; a ranking is milliseconds).
/// A report moves into the best five by a signal when it is there with the signal and not without it, and out of the
/// five when the other way round.
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
        var without = new int?[_signals.Count];
        for (var s = 0; s < _signals.Count; s++)
        {
            var off = RankingOptions.Without([.. options.DisabledSignals, _signals[s]]);
            var ranked = CodeRanker.RankIndex(index, readText, text, CodeReferenceExtractor.Extract(text), Top, history, off);
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
        Console.WriteLine("| signal off | any@1 | any@5 | MRR | first (reports) | best five (reports) | moved into the five by the signal | moved out of the five by it |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(Row("none (every signal on)", _reports.Select(r => r.With).ToList(), 0, 0));
        for (var s = 0; s < _signals.Count; s++)
        {
            var without = _reports.Select(r => r.Without[s]).ToList();
            var into = _reports.Count(r => r.With is <= 5 && r.Without[s] is not <= 5);
            var outOf = _reports.Count(r => r.With is not <= 5 && r.Without[s] is <= 5);
            Console.WriteLine(Row(_signals[s], without, into, outOf));
        }

        string Row(string name, List<int?> ranks, int into, int outOf) => string.Create(inv,
            $"| {name} | {ranks.Count(r => r is 1) / (double)n:0.000} | {ranks.Count(r => r is <= 5) / (double)n:0.000} | {ranks.Average(r => r is { } k ? 1.0 / k : 0):0.000} | {ranks.Count(r => r is 1)} | {ranks.Count(r => r is <= 5)} | {into} | {outOf} |");
    }
}
