namespace ChatTriageBot.CodeContext;

/// <summary>
/// How much a name singles files out, from 1 (its word is in at most one file in 51) down to a floor (it is in most
/// files, like <c>Symbol</c> in a computer-algebra library): what a definition, a file name or a folder name is worth.
/// </summary>
internal static class NameSpecificity
{
    // A name in most of a repository still says a little: a fifth of a rare one.
    private const double MinSpecificity = 0.2;

    // In a small repository no name is common enough to discount: count as if it had at least 1,000 files.
    private const int SpecificityMinFiles = 1000;

    // The idf of a word in one file in 51: at or above it a name counts fully.
    private static readonly double SpecificIdf = Math.Log(1 + 50);

    public static double Of(CodeIndex index, string name)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(name);
        var frequency = index.Postings(name.ToLowerInvariant()).Length;
        var documents = Math.Max(index.Count, SpecificityMinFiles);
        var idf = Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));
        return Math.Clamp(idf / SpecificIdf, MinSpecificity, 1);
    }
}
