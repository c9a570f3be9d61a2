namespace ChatTriageBot.Triage;

/// <summary>
/// One way of reading a text for redaction: the text itself with every kind of non-breaking or thin space read as a
/// space, or the text with its escapes decoded (JSON and C-style backslash escapes, URL percent-escapes, HTML entities),
/// so that a value written inside a JSON string, a URL or a Slack message is found as if written plainly. A decoded
/// view remembers where each of its characters came from, so what is found in it is replaced in the original.
/// </summary>
internal sealed class TextView
{
    private readonly int[]? _origin;

    private TextView(string text, int[]? origin, int[]? decoded = null, bool nested = false)
    {
        Text = text;
        _origin = origin;
        DecodedAt = decoded ?? [];
        HasNestedEscapes = nested;
    }

    public string Text { get; }

    /// <summary>Where this view has a character that an escape stood for (empty for the original text).</summary>
    public IReadOnlyList<int> DecodedAt { get; }

    /// <summary>An escape decoded into the start of another escape (<c>\\n</c>, <c>%255C</c>): the next level may find more.</summary>
    public bool HasNestedEscapes { get; }

    /// <summary>The original text with non-breaking and thin spaces as plain spaces (same length, same positions).</summary>
    public static TextView Plain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(WideSpaces);
        if (first < 0)
        {
            return new TextView(text, null);
        }

        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (WideSpaces.Contains(chars[i]))
            {
                chars[i] = ' ';
            }
        }

        return new TextView(new string(chars), null);
    }

    /// <summary>The position in the original text of this view's character <paramref name="index"/> (or its end).</summary>
    public int OriginalIndex(int index) => _origin is null ? index : _origin[index];

    /// <summary>
    /// This view with one level of escapes decoded, or null when it has none. Called again on the result, it decodes
    /// the next level (a JSON string inside a JSON string, a URL inside a JSON string).
    /// </summary>
    public TextView? Decoded()
    {
        var text = Text;
        if (text.AsSpan().IndexOfAny(EscapeStarts) < 0)
        {
            return null;
        }

        var span = text.AsSpan();
        var chars = new char[text.Length];
        var origin = new int[text.Length + 1];
        var changed = new List<int>();
        var nested = false;
        var n = 0;
        var i = 0;
        while (i < text.Length)
        {
            // Copy the run up to the next possible escape as it is, then decode (or copy) that one character.
            var next = span[i..].IndexOfAny(EscapeStarts);
            var runEnd = next < 0 ? text.Length : i + next;
            span[i..runEnd].CopyTo(chars.AsSpan(n));
            for (var k = i; k < runEnd; k++)
            {
                origin[n++] = OriginalIndex(k);
            }

            i = runEnd;
            if (i == text.Length)
            {
                break;
            }

            var (ch, length) = DecodeAt(text, i);
            if (length > 1)
            {
                changed.Add(n);
                nested |= EscapeStarts.Contains(ch);
            }

            chars[n] = WideSpaces.Contains(ch) ? ' ' : ch;
            origin[n++] = OriginalIndex(i);
            i += length;
        }

        origin[n] = OriginalIndex(text.Length);
        if (changed.Count == 0)
        {
            return null;
        }

        Array.Resize(ref origin, n + 1);
        return new TextView(new string(chars, 0, n), origin, [.. changed], nested);
    }

    private static readonly System.Buffers.SearchValues<char> WideSpaces =
        System.Buffers.SearchValues.Create("\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000");

    private static readonly System.Buffers.SearchValues<char> EscapeStarts = System.Buffers.SearchValues.Create("\\%&");

    /// <summary>The character an escape at <paramref name="i"/> stands for, and how many characters it takes (1: none).</summary>
    private static (char Char, int Length) DecodeAt(string text, int i)
    {
        var c = text[i];
        var rest = text.Length - i;
        switch (c)
        {
            case '\\' when rest >= 2:
                var next = text[i + 1];
                switch (next)
                {
                    case 'n': return ('\n', 2);
                    case 'r': return ('\r', 2);
                    case 't': return ('\t', 2);
                    case '"' or '\'' or '\\' or '/': return (next, 2);
                    case 'u' when rest >= 6 && IsHex(text, i + 2, 4):
                        return ((char)Convert.ToInt32(text.Substring(i + 2, 4), 16), 6);
                    case 'x' when rest >= 4 && IsHex(text, i + 2, 2):
                        return ((char)Convert.ToInt32(text.Substring(i + 2, 2), 16), 4);
                    default: return (c, 1);
                }

            case '%' when rest >= 3 && IsHex(text, i + 1, 2):
                var value = Convert.ToInt32(text.Substring(i + 1, 2), 16);
                if (value is >= 0x20 and < 0x7F or '\n' or '\r' or '\t')
                {
                    return ((char)value, 3);
                }

                // A two- or three-byte UTF-8 sequence (%C3%B8 is ø) is one character.
                var bytes = value is >= 0xC2 and <= 0xDF ? 2 : value is >= 0xE0 and <= 0xEF ? 3 : 0;
                if (bytes == 0 || rest < bytes * 3)
                {
                    return (c, 1);
                }

                var code = value & (bytes == 2 ? 0x1F : 0x0F);
                for (var k = 1; k < bytes; k++)
                {
                    var at = i + (k * 3);
                    if (text[at] != '%' || !IsHex(text, at + 1, 2) || (Convert.ToInt32(text.Substring(at + 1, 2), 16) & 0xC0) != 0x80)
                    {
                        return (c, 1);
                    }

                    code = (code << 6) | (Convert.ToInt32(text.Substring(at + 1, 2), 16) & 0x3F);
                }

                return ((char)code, bytes * 3);
            case '&':
                foreach (var (entity, ch) in Entities)
                {
                    if (string.CompareOrdinal(text, i, entity, 0, entity.Length) == 0)
                    {
                        return (ch, entity.Length);
                    }
                }

                return (c, 1);
            default:
                return (c, 1);
        }
    }

    private static readonly (string Entity, char Char)[] Entities =
    [
        ("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&#x27;", '\''), ("&#43;", '+'), ("&#x2B;", '+'), ("&#47;", '/'), ("&nbsp;", ' '),
    ];

    private static bool IsHex(string text, int start, int count)
    {
        for (var k = start; k < start + count; k++)
        {
            if (!char.IsAsciiHexDigit(text[k]))
            {
                return false;
            }
        }

        return true;
    }
}
