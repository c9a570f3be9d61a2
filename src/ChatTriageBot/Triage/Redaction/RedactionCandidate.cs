using System.Text.RegularExpressions;

namespace ChatTriageBot.Triage;

/// <summary>What a format's pattern found, for its check: the text it was found in, the match, and the value to replace.</summary>
internal readonly record struct RedactionCandidate(string Text, Match Match, Capture Value, RedactionOptions Options)
{
    /// <summary>Up to <paramref name="count"/> characters of the same line before the match.</summary>
    public ReadOnlySpan<char> LineBefore(int count = 40)
    {
        var start = Math.Max(0, Match.Index - count);
        var before = Text.AsSpan(start, Match.Index - start);
        var newline = before.LastIndexOfAny('\n', '\r');
        return newline >= 0 ? before[(newline + 1)..] : before;
    }

    /// <summary>Up to <paramref name="count"/> characters of the same line after the match.</summary>
    public ReadOnlySpan<char> LineAfter(int count = 40)
    {
        var end = Match.Index + Match.Length;
        var after = Text.AsSpan(end, Math.Min(count, Text.Length - end));
        var newline = after.IndexOfAny('\n', '\r');
        return newline >= 0 ? after[..newline] : after;
    }
}
