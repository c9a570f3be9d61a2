namespace ChatTriageBot.CodeContext;

/// <summary>
/// The lines of a ranked file worth reading: ranges around the lines evidence points at, or else the best-matching
/// windows of <see cref="WindowLines"/> lines; merged where they touch.
/// </summary>
internal static class LineWindows
{
    /// <summary>A window about one screen of code: a function and its neighbours.</summary>
    public const int WindowLines = 40;

    /// <summary>Lines shown each side of a line the text points at (a frame's line, a quoted message).</summary>
    public const int ContextLines = 10;

    // A file's sections beyond this are not worth the prompt's space.
    private const int MaxRanges = 4;

    /// <summary>The lines around <paramref name="line"/>.</summary>
    public static LineRange Around(int line) => new(Math.Max(1, line - ContextLines), line + ContextLines);

    /// <summary>The 1-based line of a character offset.</summary>
    public static int LineOf(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan(0, index).Count('\n') + 1;
    }

    /// <summary>
    /// The ranges of <paramref name="text"/> to show: the <paramref name="referenced"/> ones clipped to the file and
    /// merged, or, when there are none, its one or two best windows for the query.
    /// </summary>
    public static List<LineRange> For(string text, IEnumerable<LineRange> referenced, QueryTerms query, Bm25Scorer bm25)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(referenced);
        var lineCount = CountLines(text);
        var ranges = new List<LineRange>();
        foreach (var range in referenced)
        {
            if (Clip(range, lineCount) is { } clipped)
            {
                AddMerged(ranges, clipped);
            }
        }

        if (ranges.Count == 0)
        {
            foreach (var window in BestWindows(text, lineCount, query, bm25))
            {
                AddMerged(ranges, window);
            }
        }

        return ranges.Count > MaxRanges ? ranges[..MaxRanges] : ranges;
    }

    /// <summary>
    /// The window of <see cref="WindowLines"/> lines whose lines hold the most query weight (each term counted once a
    /// line), and a second one apart from it when it holds at least half as much.
    /// </summary>
    private static List<LineRange> BestWindows(string text, int lineCount, QueryTerms query, Bm25Scorer bm25)
    {
        if (lineCount <= WindowLines)
        {
            return [new LineRange(1, Math.Max(1, lineCount))];
        }

        var lineScores = new double[lineCount];
        var sink = new LineSink(query.Lookup, bm25.TermWeights, new HashSet<int>());
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

    /// <summary>Sums the weights of the query terms a line holds, each once.</summary>
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
}
