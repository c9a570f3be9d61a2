namespace ChatTriageBot.CodeContext;

/// <summary>
/// A word of the summary line that is the name of a small folder of code (<c>TimeSeries: ...</c> and
/// <c>timeseries/</c>) lifts its code files a little, less when the word is common in the repository.
/// </summary>
internal sealed class SummaryFolderSignal : IRankingSignal
{
    // A folder is a wider hint than a file's name: what it adds is shared (by √n) among its files.
    private const double FolderBoost = 1.0;

    // A folder of more code files than this is a whole subsystem, which the word does not narrow down.
    private const int MaxFolderFiles = 10;

    // Shorter words (io, db) name folders by chance.
    private const int MinWordLength = 4;

    public string Name => "summary-folder";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Query;
        foreach (var term in query.Terms)
        {
            if (term.Length < MinWordLength || !query.Title.Contains(term))
            {
                continue;
            }

            var files = context.Paths.CodeFilesIn(term);
            if (files.Count is 0 or > MaxFolderFiles)
            {
                continue;
            }

            var boost = FolderBoost * NameSpecificity.Of(context.Index, term) / Math.Sqrt(files.Count);
            foreach (var document in files)
            {
                context.Evidence[document].Add(EvidenceKind.SummaryFolder, boost, $"{term} in the summary names the folder");
            }
        }
    }
}
