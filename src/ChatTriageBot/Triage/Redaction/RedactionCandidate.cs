using System.Text.RegularExpressions;

namespace ChatTriageBot.Triage;

/// <summary>What a format's pattern found, for its check: the text it was found in, the match, and where the value to replace is.</summary>
internal readonly record struct RedactionCandidate(string Text, Match Match, int Index, int Length, RedactionOptions Options)
{
    /// <summary>The value to replace.</summary>
    public ReadOnlySpan<char> ValueSpan => Text.AsSpan(Index, Length);

    public string Value => Text.Substring(Index, Length);

    /// <summary>Up to <paramref name="count"/> characters of the same line before the value.</summary>
    public ReadOnlySpan<char> LineBefore(int count = 40)
    {
        var start = Math.Max(0, Index - count);
        var before = Text.AsSpan(start, Index - start);
        var newline = before.LastIndexOfAny('\n', '\r');
        return newline >= 0 ? before[(newline + 1)..] : before;
    }

    /// <summary>Up to <paramref name="count"/> characters of the same line after the value.</summary>
    public ReadOnlySpan<char> LineAfter(int count = 40)
    {
        var end = Index + Length;
        var after = Text.AsSpan(end, Math.Min(count, Text.Length - end));
        var newline = after.IndexOfAny('\n', '\r');
        return newline >= 0 ? after[..newline] : after;
    }
}
