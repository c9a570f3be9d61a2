namespace ChatTriageBot.CodeContext;

/// <summary>
/// The file that both defines a capitalised name the text mentions and is named after it in lower case: Python and
/// Ruby name a module after its main type (<c>class Mod</c> in <c>mod.py</c>), so that file is the type's home, where
/// others only subclass or import it.
/// </summary>
internal sealed class TypeHomeSignal : IRankingSignal
{
    // A type's home is as telling as a definition of its own.
    private const double HomeBoost = 2.0;

    // Shorter capitalised names (Ab, X) are not types' names.
    private const int MinNameLength = 3;

    public string Name => "type-home";

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

                var definers = context.Index.Definitions(name).Select(d => d.Document).ToHashSet();
                var homes = context.Paths.MatchStemIgnoringCase(name).Where(definers.Contains).ToList();
                if (homes.Count == 0)
                {
                    continue;
                }

                var boost = HomeBoost * NameSpecificity.Of(context.Index, name) / Math.Sqrt(homes.Count);
                foreach (var document in homes)
                {
                    context.Evidence[document].Add(EvidenceKind.TypeHome, boost, $"{name} is defined in the file named after it", name);
                }
            }
        }
    }
}
