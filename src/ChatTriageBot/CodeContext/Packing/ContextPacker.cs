namespace ChatTriageBot.CodeContext;

/// <summary>
/// Packs the best code into a token budget. Lines the request points at directly (links, paths with lines, stack
/// frames) go first, then the ranked windows of each file in rank order. Overlapping windows of one file merge;
/// a section that does not fit whole is cut at a line boundary; whatever does not fit is listed with the reason.
/// Tokens are counted by the caller's counter (the model's real tokenizer).
/// </summary>
internal static class ContextPacker
{
    /// <summary>Lines of context kept around a line the request points at.</summary>
    public const int ReferencedLinePadding = 12;

    /// <summary>Lines of context added around a ranked window.</summary>
    public const int WindowPadding = 3;

    public static PackedContext Pack(
        RepositorySnapshot snapshot,
        IReadOnlyList<RankedFile> ranked,
        IReadOnlyList<PathHint> hints,
        Func<string, int> countTokens,
        int budget)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(hints);
        ArgumentNullException.ThrowIfNull(countTokens);

        var wanted = new List<(string Path, LineRange Range, string Reason)>();
        foreach (var hint in hints)
        {
            if (hint.Lines is { } lines && snapshot.Resolve(hint.Path) is { } resolved)
            {
                wanted.Add((resolved, new LineRange(Math.Max(1, lines.Start - ReferencedLinePadding), lines.End + ReferencedLinePadding), "referenced in the request"));
            }
        }

        foreach (var file in ranked)
        {
            foreach (var range in file.Ranges)
            {
                wanted.Add((file.Path, new LineRange(Math.Max(1, range.Start - WindowPadding), range.End + WindowPadding), $"ranked #{Rank(ranked, file) + 1}"));
            }
        }

        var sections = new List<PackedSection>();
        var leftOut = new List<LeftOutFile>();
        var taken = new Dictionary<string, List<LineRange>>(StringComparer.Ordinal);

        // Merge the windows of each file, then spend the budget in priority order across files: every merged section
        // keeps the position of its most important window (referenced lines first, then ranked windows in rank order).
        var candidates = new List<(string Path, IReadOnlyList<string> Lines, int Start, int End, string Reason, int Order)>();
        foreach (var group in wanted.Select((w, index) => (w.Path, w.Range, w.Reason, Order: index)).GroupBy(w => w.Path).ToList())
        {
            var lines = snapshot.ReadLines(group.Key);
            if (lines is null)
            {
                leftOut.Add(new LeftOutFile(group.Key, "binary, too large or missing at this commit"));
                continue;
            }

            foreach (var (start, end, reason, order) in Merge(group.Select(g => (g.Range, g.Reason, g.Order)), lines.Count))
            {
                candidates.Add((group.Key, lines, start, end, reason, order));
            }
        }

        var used = 0;
        foreach (var (path, lines, start, end, reason, _) in candidates.OrderBy(c => c.Order))
        {
            var remaining = budget - used;
            if (remaining < 50)
            {
                leftOut.Add(new LeftOutFile(path, $"lines {start}-{end}: token budget of {budget} used up"));
                continue;
            }

            var (cutEnd, text, tokens) = Fit(lines, start, end, remaining, countTokens);
            if (cutEnd < start)
            {
                leftOut.Add(new LeftOutFile(path, $"lines {start}-{end}: does not fit the remaining {remaining} tokens"));
                continue;
            }

            sections.Add(new PackedSection(path, start, cutEnd, tokens, reason, text));
            used += tokens;
            if (cutEnd < end)
            {
                leftOut.Add(new LeftOutFile(path, $"lines {cutEnd + 1}-{end}: cut to fit the token budget"));
            }

            if (!taken.TryGetValue(path, out var list))
            {
                taken[path] = list = [];
            }

            list.Add(new LineRange(start, cutEnd));
        }

        foreach (var file in ranked.Where(r => !taken.ContainsKey(r.Path) && !leftOut.Any(l => l.Path == r.Path)))
        {
            leftOut.Add(new LeftOutFile(file.Path, "ranked, but no window was selected"));
        }

        return new PackedContext(snapshot.CommitSha, budget, used, sections, leftOut);
    }

    private static int Rank(IReadOnlyList<RankedFile> ranked, RankedFile file)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ReferenceEquals(ranked[i], file))
            {
                return i;
            }
        }

        return ranked.Count;
    }

    private static IEnumerable<(int Start, int End, string Reason, int Order)> Merge(IEnumerable<(LineRange Range, string Reason, int Order)> ranges, int lineCount)
    {
        var ordered = ranges
            .Select(r => (Start: Math.Min(r.Range.Start, lineCount), End: Math.Min(r.Range.End, lineCount), r.Reason, r.Order))
            .Where(r => r.Start >= 1 && r.End >= r.Start)
            .ToList();
        if (ordered.Count == 0)
        {
            yield break;
        }

        // Keep the priority of the most important window (the lowest order), but merge overlapping or adjacent windows.
        var byPosition = ordered.OrderBy(r => r.Start).ToList();
        var current = byPosition[0];
        foreach (var next in byPosition.Skip(1))
        {
            if (next.Start <= current.End + 1)
            {
                current = (current.Start, Math.Max(current.End, next.End), Prefer(current.Reason, next.Reason), Math.Min(current.Order, next.Order));
            }
            else
            {
                yield return current;
                current = next;
            }
        }

        yield return current;
    }

    private static string Prefer(string a, string b) => a.StartsWith("referenced", StringComparison.Ordinal) ? a : b.StartsWith("referenced", StringComparison.Ordinal) ? b : a;

    private static (int End, string Text, int Tokens) Fit(IReadOnlyList<string> lines, int start, int end, int remaining, Func<string, int> countTokens)
    {
        var text = string.Join('\n', lines.Skip(start - 1).Take(end - start + 1));
        var tokens = countTokens(text);
        if (tokens <= remaining)
        {
            return (end, text, tokens);
        }

        // Binary search the last line that fits.
        int low = start - 1, high = end;
        string best = string.Empty;
        var bestTokens = 0;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            var candidate = string.Join('\n', lines.Skip(start - 1).Take(middle - start + 1));
            var count = countTokens(candidate);
            if (count <= remaining)
            {
                low = middle;
                best = candidate;
                bestTokens = count;
            }
            else
            {
                high = middle - 1;
            }
        }

        return (low, best, bestTokens);
    }
}
