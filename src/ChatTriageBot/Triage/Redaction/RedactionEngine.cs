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

    /// <summary>The parts of <paramref name="text"/> to redact, in order, none overlapping.</summary>
    /// <exception cref="RedactionException">A custom pattern took longer than <see cref="Redactor.PatternTimeout"/>.</exception>
    public static List<RedactionSpan> Find(string text, RedactionOptions options, IReadOnlyList<(string Kind, Regex Pattern)> custom, IReadOnlySet<string> disabled)
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
                        found.Add(new RedactionSpan(match.Index, match.Index + match.Length, kind, Key(kind, match.Value), i - custom.Count));
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
        for (var level = 0; level < MaxDecodeLevels && views[^1].Decoded() is { } decoded; level++)
        {
            views.Add(decoded);
        }

        var formats = RedactionFormats.All;
        for (var priority = 0; priority < formats.Count; priority++)
        {
            var format = formats[priority];
            if (disabled.Contains(format.Kind))
            {
                continue;
            }

            foreach (var view in views)
            {
                AddMatches(found, view, format, priority, options);
            }
        }

        return Resolve(found);
    }

    private static void AddMatches(List<RedactionSpan> found, TextView view, RedactionFormat format, int priority, RedactionOptions options)
    {
        foreach (Match match in format.Pattern.Matches(view.Text))
        {
            var secret = match.Groups["secret"];
            if (secret.Success)
            {
                foreach (Capture capture in secret.Captures)
                {
                    Add(found, view, format, priority, options, match, capture);
                }
            }
            else
            {
                Add(found, view, format, priority, options, match, match);
            }
        }
    }

    private static void Add(List<RedactionSpan> found, TextView view, RedactionFormat format, int priority, RedactionOptions options, Match match, Capture value)
    {
        if (value.Length == 0 || format.Check is { } check && !check(new RedactionCandidate(view.Text, match, value, options)))
        {
            return;
        }

        var start = view.OriginalIndex(value.Index);
        var end = view.OriginalIndex(value.Index + value.Length);
        found.Add(new RedactionSpan(start, end, format.Kind, Key(format.Kind, value.Value), priority));
    }

    /// <summary>The value a placeholder stands for: without white space, and for grouped numbers without separators.</summary>
    private static string Key(string kind, string value)
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

