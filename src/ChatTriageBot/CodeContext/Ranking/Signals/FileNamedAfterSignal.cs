namespace ChatTriageBot.CodeContext;

/// <summary>
/// A file named after a capitalised name the text mentions (<c>CartService</c> and <c>CartService.cs</c>): languages
/// that keep one type a file name the file after it.
/// </summary>
internal sealed class FileNamedAfterSignal : IRankingSignal
{
    // A file's name is weaker evidence than a definition: it may be named after the type and hold something else.
    private const double FileNamedAfterBoost = 1.0;

    // Shorter capitalised names (Add, Log) name files by chance.
    private const int MinNameLength = 4;

    public string Name => "file-named-after";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var symbol in context.Symbols)
        {
            foreach (var name in new[] { symbol.Type, symbol.Member })
            {
                if (name is not { Length: >= MinNameLength } || !char.IsUpper(name[0]))
                {
                    continue;
                }

                var named = context.Paths.MatchStem(name);
                if (named.Count == 0)
                {
                    continue;
                }

                var boost = FileNamedAfterBoost * NameSpecificity.Of(context.Index, name) / Math.Sqrt(named.Count);
                foreach (var document in named)
                {
                    context.Evidence[document].Add(EvidenceKind.FileNamedAfter, boost, $"file named after {name}", name);
                }
            }
        }
    }
}
