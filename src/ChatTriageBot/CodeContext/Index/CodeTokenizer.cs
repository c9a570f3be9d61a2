using System.Collections.Frozen;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Code-aware tokens: words are split at underscores and case changes (<c>CartService</c> gives <c>cart</c>,
/// <c>service</c> and the compound <c>cartservice</c>; <c>user_id</c> gives <c>user</c>, <c>id</c>, <c>user_id</c>),
/// lower-cased; numbers, one-letter tokens and a small stop list are dropped. Dots, slashes and all other
/// punctuation separate tokens, so dotted names and paths give their segments.
/// </summary>
internal static class CodeTokenizer
{
    private const int MaxWordLength = 64;

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from",
        "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our",
        "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "too", "was", "we",
        "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your", "also",
        "just", "like", "only", "some", "any", "all", "should", "may", "might", "must", "here", "after", "before", "about",
        "because", "being", "both", "each", "more", "most", "other", "such", "very", "he", "she", "him", "her", "his", "i",
        "am", "im", "don", "doesn", "isn", "didn", "can't", "won", "get", "got", "one", "use", "used", "using", "see",
        "self", "return", "new", "var", "let", "const", "def", "class", "public", "private", "protected", "internal",
        "static", "void", "int", "string", "bool", "true", "false", "null", "none", "import", "package", "namespace",
        "end", "else", "elif", "try", "except", "catch", "finally", "function", "func", "fn", "async", "await", "pass",
        "lambda", "py", "cs", "js", "ts", "rb", "go", "java", "php", "line", "file", "http", "https", "www", "com",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopLookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The tokens of a (short) text, in order, with repeats.</summary>
    public static List<string> Tokenize(string text)
    {
        var sink = new ListSink([]);
        Tokenize(text, ref sink);
        return sink.Tokens;
    }

    public static void Tokenize<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        Span<char> buffer = stackalloc char[MaxWordLength];
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            var word = text[start..i];
            if (word.Length > MaxWordLength)
            {
                word = word[..MaxWordLength];
            }

            EmitWord(word, buffer, ref sink);
        }
    }

    public static bool IsStopWord(string token) => StopWords.Contains(token);

    private static void EmitWord<TSink>(ReadOnlySpan<char> word, Span<char> buffer, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var lower = buffer[..word.Length];
        for (var k = 0; k < word.Length; k++)
        {
            var c = word[k];
            lower[k] = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c < 128 ? c : char.ToLowerInvariant(c);
        }

        var parts = 0;
        var partStart = 0;
        for (var k = 0; k <= word.Length; k++)
        {
            bool boundary;
            var skip = 0;
            if (k == word.Length)
            {
                boundary = true;
            }
            else if (word[k] == '_')
            {
                boundary = true;
                skip = 1;
            }
            else if (k > 0 && char.IsUpper(word[k]) && (char.IsLower(word[k - 1]) || char.IsDigit(word[k - 1])))
            {
                boundary = true;
            }
            else
            {
                boundary = k > 0 && char.IsUpper(word[k]) && char.IsUpper(word[k - 1]) && k + 1 < word.Length && char.IsLower(word[k + 1]);
            }

            if (!boundary)
            {
                continue;
            }

            if (k > partStart)
            {
                parts++;
                Emit(lower[partStart..k], ref sink);
            }

            partStart = k + skip;
        }

        if (parts > 1)
        {
            Emit(lower.Trim('_'), ref sink);
        }
    }

    private static void Emit<TSink>(ReadOnlySpan<char> token, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (token.Length < 2 || StopLookup.Contains(token))
        {
            return;
        }

        foreach (var c in token)
        {
            if (!char.IsDigit(c))
            {
                sink.Add(token);
                return;
            }
        }
    }

    private static bool IsWordChar(char c) =>
        c < 128 ? c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' : char.IsLetterOrDigit(c);

    private struct ListSink(List<string> tokens) : ITokenSink
    {
        public List<string> Tokens { get; } = tokens;

        public readonly void Add(ReadOnlySpan<char> token) => Tokens.Add(token.ToString());
    }
}
