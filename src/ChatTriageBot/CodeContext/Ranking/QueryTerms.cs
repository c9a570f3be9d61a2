namespace ChatTriageBot.CodeContext;

/// <summary>
/// A request as ranking reads it: its unique terms with their weights (1 + ln of how often the text repeats them, and
/// more for words written as code), its summary line, its prose, and the names it defines itself.
/// </summary>
internal sealed class QueryTerms
{
    // Enough for a long report with a traceback; the rest of a pasted log adds nothing BM25 can use.
    private const int MaxQueryTerms = 400;

    // A word the request writes as code (a fenced or indented block, a >>> prompt, a backtick span) is what the
    // reporter ran: it weighs half as much again as a word of its prose.
    private const double CodeTermWeight = 1.5;

    // A first line of fewer terms is a greeting, not a summary.
    private const int MinTitleTerms = 3;

    // A first line longer than this is a pasted wall of text, not a summary.
    private const int MaxTitleLength = 200;

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
    public HashSet<string> Prose { get; private init; } = [];

    /// <summary>
    /// The names the request itself defines (<c>class Book(Readable):</c>, <c>def test_it(self):</c>), at the start
    /// of a line or after a prompt (<c>&gt;&gt;&gt; class A(Basic):</c>).
    /// </summary>
    public HashSet<string> DefinedHere { get; private init; } = [];

    /// <summary>The text outside code, as written: dotted module names are looked up in it.</summary>
    public string ProseText { get; private init; } = string.Empty;

    /// <summary>The request's first line when it reads as a summary (see <see cref="SummaryLine"/>), or null.</summary>
    public string? Summary { get; }

    /// <summary>Whether text follows the summary line (a one-line request is all summary).</summary>
    public bool HasBody { get; private init; }

    /// <summary>A term's number in <see cref="Terms"/>, looked up by a span of text.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    public static QueryTerms From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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
            HasBody = summary is not null && text.AsSpan().Trim().Length > summary.Length,
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
