using System.Text.RegularExpressions;

namespace ChatTriageBot.Triage;

/// <summary>
/// Finds what to redact in a text: the team's own patterns on the text as written, then every enabled built-in format on
/// each way of reading it (as written with non-breaking and thin spaces read as spaces, and with one, two or three levels
/// of escapes decoded). Where two findings overlap the earlier pattern wins, so a JWT inside an Authorization header
/// is one JWT. Stateless and thread-safe; <see cref="Redactor"/> turns the findings into placeholders.
/// </summary>
internal static class RedactionEngine
{
    /// <summary>How many levels of escapes are decoded (a URL inside a JSON string inside a JSON string).</summary>
    private const int MaxDecodeLevels = 3;

    /// <summary>The kinds whose placeholder stands for the value's letters and digits however they were grouped.</summary>
    private static readonly HashSet<string> GroupedKinds = new(StringComparer.Ordinal)
    {
        RedactionKinds.Card, RedactionKinds.Iban, RedactionKinds.Phone, RedactionKinds.NationalId,
    };

    /// <summary>The kinds whose values are generated: one with almost no variety is a placeholder.</summary>
    private static readonly HashSet<string> LowEntropyKinds = new(StringComparer.Ordinal)
    {
        RedactionKinds.Credential, RedactionKinds.Secret, RedactionKinds.Session, RedactionKinds.Jwt, RedactionKinds.PrivateKey,
    };

    /// <summary>The parts of <paramref name="text"/> to redact, in order, none overlapping.</summary>
    /// <exception cref="RedactionException">A custom pattern took longer than <see cref="Redactor.PatternTimeout"/>.</exception>
    /// <param name="onlyFormat">A format id to run alone (the speed benchmark's profile); null runs them all.</param>
    public static List<RedactionSpan> Find(string text, RedactionOptions options, IReadOnlyList<(string Kind, Regex Pattern)> custom, IReadOnlySet<string> disabled, string? onlyFormat = null)
    {
        var found = new List<RedactionSpan>();
        for (var i = 0; i < custom.Count; i++)
        {
            var (kind, pattern) = custom[i];
            try
            {
                foreach (Match match in pattern.Matches(text))
                {
                    if (match.Length > 0)
                    {
                        found.Add(new RedactionSpan(match.Index, match.Index + match.Length, kind, Key(kind, match.ValueSpan), i - custom.Count));
                    }
                }
            }
            catch (RegexMatchTimeoutException exception)
            {
                // Fail closed: text that could not be redacted must not go anywhere.
                throw new RedactionException($"The redaction pattern for {kind} took too long on this text; nothing was sent.", exception);
            }
        }

        var views = new List<TextView> { TextView.Plain(text) };
        for (var level = 0; level < MaxDecodeLevels && (level == 0 || views[^1].HasNestedEscapes) && views[^1].Decoded() is { } decoded; level++)
        {
            views.Add(decoded);
        }

        var formats = RedactionFormats.All;
        foreach (var view in views)
        {
            var anchors = FindAnchors(view.Text);
            var numbers = new Lazy<List<NumberRun>>(() => FindNumbers(view.Text));
            for (var priority = 0; priority < formats.Count; priority++)
            {
                var format = formats[priority];
                if (disabled.Contains(format.Kind) || onlyFormat is not null && format.Id != onlyFormat)
                {
                    continue;
                }

                List<(int Start, int End)>? at = null;
                List<(int Start, int End)> windows;
                if (format.Anchors is { } formatAnchors)
                {
                    if (anchors.Count == 0)
                    {
                        continue;
                    }

                    at = AnchorPositions(anchors, formatAnchors);
                    windows = Windows(at, view.Text.Length, 160, format.Reach);
                }
                else if (format.Numbers is { } accepts)
                {
                    windows = NumberWindows(numbers.Value, accepts, view.Text.Length);
                }
                else
                {
                    windows = [(0, view.Text.Length)];
                }

                // A decoded view can only add what touches a decoded character; the rest was found as written.
                if (view.DecodedAt.Count > 0)
                {
                    var margin = Math.Min(format.Reach, 200);
                    windows = Intersect(windows, Merge([.. view.DecodedAt.Select(d => (d - margin, d + margin + 1))], view.Text.Length));
                }

                if (windows.Count > 0)
                {
                    AddMatches(found, view, format, priority, options, windows, at);
                }
            }
        }

        return Resolve(found);
    }

    /// <summary>
    /// Every format's anchors, lower-cased, by the low bytes of their first two characters (anchors of two characters or
    /// more) or of their one character: the anchors a position can start, looked up without hashing. A bit per pair
    /// says whether there are any (8 KiB that stay in the processor's cache, where the lookup table does not).
    /// </summary>
    private static readonly (string[]?[] ByPair, string[]?[] BySingle, ulong[] Pairs) AllAnchors = BuildAnchors();

    private static (string[]?[], string[]?[], ulong[]) BuildAnchors()
    {
        var anchors = RedactionFormats.All.SelectMany(f => f.Anchors ?? []).Select(a => a.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        var byPair = new string[]?[65536];
        var pairs = new ulong[65536 / 64];
        var bySingle = new string[]?[256];
        foreach (var group in anchors.Where(a => a.Length > 1).GroupBy(a => PairIndex(a[0], a[1])))
        {
            byPair[group.Key] = [.. group];
            pairs[group.Key >> 6] |= 1UL << group.Key;
        }

        foreach (var group in anchors.Where(a => a.Length == 1).GroupBy(a => a[0] & 0xFF))
        {
            bySingle[group.Key] = [.. group];
        }

        return (byPair, bySingle, pairs);
    }

    /// <summary>Where two lower-cased characters' anchors are: the low byte of each.</summary>
    private static int PairIndex(char first, char second) => ((first & 0xFF) << 8) | (second & 0xFF);

    /// <summary>
    /// Where each anchor occurs in <paramref name="text"/> (any case), in one pass for all formats: at each position, the
    /// anchors whose first two lower-cased characters (or one) are those of the text there are compared with it.
    /// </summary>
    private static Dictionary<string, List<int>> FindAnchors(string text)
    {
        var found = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var span = text.AsSpan();
        var (byPair, bySingle, pairs) = AllAnchors;
        var next = span.Length > 0 ? char.ToLowerInvariant(span[0]) : '\0';
        for (var position = 0; position < span.Length; position++)
        {
            var current = next;
            if (bySingle[current & 0xFF] is { } singles)
            {
                Match(span, position, current, '\0', singles, found);
            }

            if (position + 1 == span.Length)
            {
                break;
            }

            var c = span[position + 1];
            next = c < 128 ? (char)(char.IsAsciiLetterUpper(c) ? c | 0x20 : c) : char.ToLowerInvariant(c);
            var pair = PairIndex(current, next);
            if ((pairs[pair >> 6] & (1UL << pair)) != 0)
            {
                Match(span, position, current, next, byPair[pair]!, found);
            }
        }

        return found;
    }

    /// <summary>
    /// Records the <paramref name="candidates"/> that occur at <paramref name="position"/>: their first character (and
    /// second, unless <paramref name="second"/> is none) equal to the text's lower-cased there, the whole in any case.
    /// </summary>
    private static void Match(ReadOnlySpan<char> span, int position, char first, char second, string[] candidates, Dictionary<string, List<int>> found)
    {
        foreach (var anchor in candidates)
        {
            if (anchor[0] == first && (second == '\0' || anchor[1] == second) && StartsWith(span, position, anchor))
            {
                if (!found.TryGetValue(anchor, out var positions))
                {
                    found[anchor] = positions = [];
                }

                positions.Add(position);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="anchor"/> (lower-cased) stands at <paramref name="position"/> in any case: compared
    /// character by character while both are ASCII (most candidates differ in their third character), else as a whole.
    /// </summary>
    private static bool StartsWith(ReadOnlySpan<char> span, int position, string anchor)
    {
        if (span.Length - position < anchor.Length)
        {
            return false;
        }

        for (var i = 0; i < anchor.Length; i++)
        {
            var c = span[position + i];
            var a = anchor[i];
            if (c >= 128 || a >= 128)
            {
                return span[position..].StartsWith(anchor, StringComparison.OrdinalIgnoreCase);
            }

            if ((char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c) != a)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sorted positions of a format's anchors (start and end of each occurrence).</summary>
    private static List<(int Start, int End)> AnchorPositions(Dictionary<string, List<int>> anchors, IReadOnlyList<string> formatAnchors)
    {
        var positions = new List<(int Start, int End)>();
        foreach (var anchor in formatAnchors)
        {
            if (anchors.TryGetValue(anchor.ToLowerInvariant(), out var at))
            {
                positions.AddRange(at.Select(p => (p, p + anchor.Length)));
            }
        }

        positions.Sort();
        return positions;
    }

    /// <summary>
    /// Runs of digits and number separators (<c>+ ( ) . - / space</c>) that hold <see cref="NumberRun.MinDigits"/> digits
    /// or more, each with what number formats look at. A log holds a run every few characters (times, ids, counts), most of
    /// them too short for any format: they are not listed.
    /// </summary>
    private static List<NumberRun> FindNumbers(string text)
    {
        var numbers = new List<NumberRun>();
        var i = 0;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAnyInRange('0', '9');
            if (next < 0)
            {
                break;
            }

            var start = i + next;
            if (start > 0 && text[start - 1] is '+' or '(')
            {
                start--;
            }

            var end = start;
            int digits = 0, firstGroup = -1, dots = 0, dashes = 0;
            bool plus = false, bracket = false;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is ' ' or '-' or '.' or '/' or '+' or '(' or ')'))
            {
                if (!char.IsAsciiDigit(text[end]) && digits > 0 && firstGroup < 0)
                {
                    firstGroup = digits;
                }

                switch (text[end])
                {
                    case >= '0' and <= '9': digits++; break;
                    case '.': dots++; break;
                    case '-': dashes++; break;
                    case '+': plus = true; break;
                    case '(' or ')': bracket = true; break;
                }

                end++;
            }

            if (digits >= NumberRun.MinDigits)
            {
                var upperBefore = (start > 0 && char.IsAsciiLetterUpper(text[start - 1])) || (start > 1 && text[start - 1] == ' ' && char.IsAsciiLetterUpper(text[start - 2]));
                var letterAfter = end < text.Length && char.IsAsciiLetter(text[end]) && text[end - 1] != ' ';
                numbers.Add(new NumberRun(start, end, digits, firstGroup < 0 ? digits : firstGroup, dots, dashes, plus, text[start] == '+', bracket, upperBefore, letterAfter));
            }

            i = end + 1;
        }

        return numbers;
    }

    /// <summary>The windows searched around the number runs a format accepts: a label up to 40 characters before each, and 8 characters after it.</summary>
    private static List<(int Start, int End)> NumberWindows(List<NumberRun> numbers, Func<NumberRun, bool> accepts, int length)
    {
        var windows = new List<(int Start, int End)>();
        foreach (var run in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(numbers))
        {
            if (accepts(run))
            {
                windows.Add((run.Start - 40, run.End + 8));
            }
        }

        return Merge(windows, length);
    }

    /// <summary>The windows searched around anchors: from <paramref name="before"/> characters before each to <paramref name="reach"/> after, merged.</summary>
    private static List<(int Start, int End)> Windows(List<(int Start, int End)> anchors, int length, int before, int reach) =>
        Merge([.. anchors.Select(a => (a.Start - before, a.End + reach))], length);

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> windows, int length)
    {
        windows.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var (start, end) in windows)
        {
            var (s, e) = (Math.Max(0, start), Math.Min(length, end));
            // Windows close together are searched as one: each search has a fixed cost.
            if (merged.Count > 0 && s <= merged[^1].End + 256)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, e));
            }
            else if (e > s)
            {
                merged.Add((s, e));
            }
        }

        return merged;
    }

    private static List<(int Start, int End)> Intersect(List<(int Start, int End)> a, List<(int Start, int End)> b)
    {
        var result = new List<(int Start, int End)>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (start < end)
            {
                result.Add((start, end));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result;
    }

    /// <summary>
    /// Each pattern's matches in each window. A window is searched as if it were the whole text, so a match must
    /// contain one of the format's anchors (when it has anchors): a match cut by the window's edge does not.
    /// </summary>
    private static void AddMatches(List<RedactionSpan> found, TextView view, RedactionFormat format, int priority, RedactionOptions options, List<(int Start, int End)> windows, List<(int Start, int End)>? anchors)
    {
        foreach (var pattern in format.Patterns)
        {
            // Groups by number: a lookup by name hashes the name at every match. A group the pattern lacks is -1.
            var secretGroup = pattern.GroupNumberFromName("secret");
            var headGroup = pattern.GroupNumberFromName("head");
            foreach (var (start, end) in windows)
            {
                for (var match = pattern.Match(view.Text, start, end - start); match.Success; match = match.NextMatch())
                {
                    if (anchors is not null && !ContainsAnchor(anchors, match.Index, match.Index + match.Length))
                    {
                        continue;
                    }

                    if (secretGroup >= 0 && match.Groups[secretGroup] is { Success: true } secret)
                    {
                        foreach (Capture capture in secret.Captures)
                        {
                            Add(found, view, format, priority, options, match, capture.Index, capture.Length);
                        }
                    }
                    else if (headGroup >= 0 && match.Groups[headGroup] is { Success: true } head)
                    {
                        Add(found, view, format, priority, options, match, head.Index, match.Index + match.Length - head.Index);
                    }
                    else
                    {
                        Add(found, view, format, priority, options, match, match.Index, match.Length);
                    }
                }
            }
        }
    }

    private static bool ContainsAnchor(List<(int Start, int End)> anchors, int start, int end)
    {
        // The last anchor starting before the match's end is the only one that can lie inside it.
        var lo = 0;
        var hi = anchors.Count - 1;
        var last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (anchors[mid].Start < end)
            {
                last = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        for (var i = last; i >= 0 && anchors[i].Start >= start; i--)
        {
            if (anchors[i].End <= end)
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(List<RedactionSpan> found, TextView view, RedactionFormat format, int priority, RedactionOptions options, Match match, int index, int length)
    {
        if (length == 0 || format.Check is { } check && !check(new RedactionCandidate(view.Text, match, index, length, options)))
        {
            return;
        }

        // A token written as XXXX-XXXX or xoxp-XXXXXXXX is a placeholder in documentation, not a secret.
        if (LowEntropyKinds.Contains(format.Kind) && RedactionChecks.Entropy(view.Text.AsSpan(index, length)) < 2.0)
        {
            return;
        }

        var start = view.OriginalIndex(index);
        var end = view.OriginalIndex(index + length);
        found.Add(new RedactionSpan(start, end, format.Kind, Key(format.Kind, view.Text.AsSpan(index, length)), priority));
    }

    /// <summary>The value a placeholder stands for: without white space, and for grouped numbers without separators.</summary>
    private static string Key(string kind, ReadOnlySpan<char> value)
    {
        var grouped = GroupedKinds.Contains(kind);
        var key = new System.Text.StringBuilder(kind.Length + value.Length + 1).Append(kind).Append('\0');
        foreach (var c in value)
        {
            if (grouped ? char.IsLetterOrDigit(c) : !char.IsWhiteSpace(c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>The earlier pattern's findings first; a finding that overlaps one already kept is dropped.</summary>
    private static List<RedactionSpan> Resolve(List<RedactionSpan> found)
    {
        // Of one pattern's overlapping findings (the same value read in two views), the longer is kept.
        found.Sort(static (a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority)
            : a.Start != b.Start ? a.Start.CompareTo(b.Start) : (b.End - b.Start).CompareTo(a.End - a.Start));
        var kept = new List<RedactionSpan>(found.Count);
        foreach (var span in found)
        {
            // kept is sorted by start: the neighbours of the insertion point are the only possible overlaps.
            var at = kept.BinarySearch(span, StartComparer.Instance);
            if (at < 0)
            {
                at = ~at;
            }

            if ((at > 0 && kept[at - 1].End > span.Start) || (at < kept.Count && kept[at].Start < span.End))
            {
                continue;
            }

            kept.Insert(at, span);
        }

        return kept;
    }

    private sealed class StartComparer : IComparer<RedactionSpan>
    {
        public static readonly StartComparer Instance = new();

        public int Compare(RedactionSpan? x, RedactionSpan? y) => x!.Start.CompareTo(y!.Start);
    }
}

