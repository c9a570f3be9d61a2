using System.Globalization;

namespace ChatTriageBot.CodeContext;

/// <summary>A symbol the text mentions: a member name and, for dotted names and frames, the type or module before it.</summary>
internal sealed record MentionedSymbol(string? Type, string Member)
{
    /// <summary>What separates a type from its member in the languages' qualified names and frames.</summary>
    public static readonly char[] Separators = ['.', '#', ':', '\\', '/', '>', '-'];

    // Shorter names (a, id, fn) name too much to point anywhere.
    private const int MinNameLength = 3;

    /// <summary>The symbols of the identifiers, stack frames and error types the text mentions, each once, in that order.</summary>
    public static List<MentionedSymbol> From(CodeReferences references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var symbols = new List<MentionedSymbol>();
        var seen = new HashSet<MentionedSymbol>();
        void Add(string? raw)
        {
            if (raw is null || Parse(raw) is not { } symbol || !seen.Add(symbol))
            {
                return;
            }

            symbols.Add(symbol);
        }

        foreach (var identifier in references.Identifiers)
        {
            Add(identifier.Name);
        }

        foreach (var frame in references.StackFrames)
        {
            Add(frame.Symbol);
        }

        foreach (var error in references.ErrorTypes)
        {
            Add(error.SimpleName);
        }

        return symbols;
    }

    /// <summary>The last two parts of a qualified name, decorations off; null when no part is a name.</summary>
    public static MentionedSymbol? Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var parts = raw.Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(Clean)
            .Where(p => p.Length > 0)
            .ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var member = parts[^1];
        var type = parts.Count > 1 ? parts[^2] : null;
        if (member.Length < MinNameLength || CodeTokenizer.IsStopWord(member.ToLower(CultureInfo.InvariantCulture)))
        {
            return type is { Length: >= MinNameLength } ? new MentionedSymbol(null, type) : null;
        }

        return new MentionedSymbol(type is { Length: >= MinNameLength } ? type : null, member);
    }

    /// <summary>Compiler decorations off: <c>(*Service)</c> is Service, <c>&lt;Total&gt;d__4</c> is Total, <c>Total`1</c> is Total.</summary>
    private static string Clean(string part)
    {
        var text = part.Trim('(', ')', '*', '&', '$', ' ');
        if (text.StartsWith('<') && text.IndexOf('>', StringComparison.Ordinal) is var close and > 1)
        {
            text = text[1..close];
        }

        var cut = text.IndexOfAny(['`', '<', '[', '(', ' ', '$']);
        if (cut >= 0)
        {
            text = text[..cut];
        }

        return text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') ? text : string.Empty;
    }
}
