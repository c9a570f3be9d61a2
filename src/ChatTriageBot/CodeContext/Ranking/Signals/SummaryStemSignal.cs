namespace ChatTriageBot.CodeContext;

/// <summary>
/// A word of the summary line that is the name of a few code files (<c>LaTeX: ...</c> and <c>latex.py</c>,
/// <c>autodoc_typehints</c> and <c>autodoc/typehints.py</c>, <c>mocked</c> and <c>mock.py</c>) lifts them; more when
/// the file's folder is named in the text too, less when the word is common in the repository. Words of the rest of
/// the text name too many files by chance to help.
/// </summary>
internal sealed class SummaryStemSignal : IRankingSignal
{
    // A file's name in the summary is a hint, weaker than a named path or a definition.
    private const double TitleStemBoost = 0.7;

    // With the file's folder named as well, the two words together single the file out.
    private const double StemFolderFactor = 3.0;

    // A word that names more code files than this names a role (utils, base), not a file.
    private const int MaxStemFiles = 5;

    // Shorter words (io, api) name files by chance.
    private const int MinStemLength = 4;

    // An inflected word names the file of its stem (mocked: mock.py) when no file bears the word itself.
    private static readonly string[] StemSuffixes = ["ed", "ing", "s"];

    public string Name => "summary-stem";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Query;
        var terms = query.Terms.ToHashSet(StringComparer.Ordinal);
        foreach (var term in query.Terms)
        {
            if (term.Length < MinStemLength || !query.Title.Contains(term))
            {
                continue;
            }

            var matches = CodeFilesNamed(term, context.Paths);
            foreach (var suffix in StemSuffixes)
            {
                if (matches.Count > 0)
                {
                    break;
                }

                if (term.Length - suffix.Length >= MinStemLength && term.EndsWith(suffix, StringComparison.Ordinal))
                {
                    matches = CodeFilesNamed(term[..^suffix.Length], context.Paths);
                }
            }

            if (matches.Count is 0 or > MaxStemFiles)
            {
                continue;
            }

            var boost = TitleStemBoost * NameSpecificity.Of(context.Index, term) / Math.Sqrt(matches.Count);
            foreach (var document in matches)
            {
                var folder = PathIndex.FolderName(context.Paths.PathOf(document));
                var withFolder = folder.Length > 0 && terms.Contains(folder);
                context.Evidence[document].Add(EvidenceKind.SummaryStem, boost * (withFolder ? StemFolderFactor : 1), $"{term} in the summary names the file");
            }
        }
    }

    /// <summary>The files with the stem <paramref name="stem"/> that are neither tests nor documentation.</summary>
    private static List<int> CodeFilesNamed(string stem, PathIndex paths) =>
        [.. paths.MatchStemIgnoringCase(stem).Where(paths.IsCode)];
}
