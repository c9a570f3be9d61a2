namespace ChatTriageBot.CodeContext;

/// <summary>
/// The files defining a symbol the text mentions (<c>CartService.Total</c>, <c>apply_discount</c>, a plain word written
/// as code): the definition of both parts of a qualified name most, a member or a type alone less, each by how specific
/// the name is in the repository, more when the summary line names it, less when only the pasted example uses it, and
/// not at all when the report defines the name itself. The definition's lines are the ones to show.
/// </summary>
internal sealed class DefinitionSignal : IRankingSignal
{
    // A file defining both the type and the member of a qualified name (class CartService with def total).
    private const double QualifiedDefinitionBoost = 3.0;

    // A file defining the type alone.
    private const double TypeDefinitionBoost = 2.0;

    // A file defining the member alone; halved again when the type is defined elsewhere.
    private const double MemberDefinitionBoost = 2.0;

    // What one file's definitions add up to at most: a file defining many of the names an example uses is its module,
    // not necessarily the fault's.
    private const double MaxDefinitionBoost = 4.0;

    // A symbol the summary line names is what the report is about, more than one its example code happens to use.
    private const double TitleDefinitionFactor = 1.5;

    // A symbol only the pasted example uses (not the prose around it, nor a stack frame) shows how the bug was met, not
    // where it is: an example builds models and calls the library's entry point.
    private const double ExampleOnlyFactor = 0.25;

    public string Name => "definition";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = context.Index;
        var query = context.Query;
        var totals = new Dictionary<int, double>();
        double InTitle(string? name) => name is not null && query.Title.Contains(name.ToLowerInvariant()) ? TitleDefinitionFactor : 1;
        var framed = context.References.StackFrames.Where(f => f.Symbol is not null)
            .SelectMany(f => f.Symbol!.Split(MentionedSymbol.Separators, StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

        // A name the request defines itself (class User(models.Model): in its example) is the reporter's, not the
        // repository's, unless the summary names it (then the report quotes the code it is about) or a frame runs it.
        bool Reporters(string name) => query.DefinedHere.Contains(name) && !framed.Contains(name) && InTitle(name) == 1;
        double InProse(string? name) =>
            name is null ? 1
            : Reporters(name) ? 0
            : framed.Contains(name) || query.Prose.Contains(name.ToLowerInvariant()) ? 1 : ExampleOnlyFactor;
        foreach (var symbol in context.Symbols)
        {
            var memberSpecificity = NameSpecificity.Of(index, symbol.Member) * InTitle(symbol.Member) * InProse(symbol.Member);
            var typeSpecificity = symbol.Type is null ? 0 : NameSpecificity.Of(index, symbol.Type) * InTitle(symbol.Type) * InProse(symbol.Type);
            var members = index.Definitions(symbol.Member);
            var types = symbol.Type is null ? [] : index.Definitions(symbol.Type);
            var typeDocuments = types.Select(t => t.Document).ToHashSet();
            var memberDocuments = members.Select(m => m.Document).Distinct().ToList();
            foreach (var (document, line) in members)
            {
                var qualified = typeDocuments.Contains(document);
                var boost = qualified ? QualifiedDefinitionBoost * Math.Max(memberSpecificity, typeSpecificity)
                    : MemberDefinitionBoost * memberSpecificity / Math.Sqrt(memberDocuments.Count) / (typeDocuments.Count > 0 ? 2 : 1);
                Add(context.Evidence[document], totals, document, boost, qualified ? $"{symbol.Type}.{symbol.Member}" : symbol.Member, line);
            }

            foreach (var (document, line) in types)
            {
                if (!memberDocuments.Contains(document))
                {
                    Add(context.Evidence[document], totals, document, TypeDefinitionBoost * typeSpecificity / Math.Sqrt(typeDocuments.Count), symbol.Type!, line);
                }
            }
        }
    }

    /// <summary>One definition of <paramref name="name"/>, within what the file's definitions may add up to.</summary>
    private static void Add(FileEvidence e, Dictionary<int, double> totals, int document, double boost, string name, int line)
    {
        var reason = $"defines {name}";
        if (!e.HasReason(reason))
        {
            var before = totals.GetValueOrDefault(document);
            var added = Math.Min(boost, MaxDefinitionBoost - before);
            if (added > 0)
            {
                totals[document] = before + added;
                e.Add(EvidenceKind.Definition, added, reason, name);
            }
        }

        // A definition worth at least half a member's shows its first lines, a window from just above it.
        if (boost >= MemberDefinitionBoost / 2)
        {
            e.Ranges.Add(new LineRange(Math.Max(1, line - 2), line + LineWindows.WindowLines - 3));
        }
    }
}
