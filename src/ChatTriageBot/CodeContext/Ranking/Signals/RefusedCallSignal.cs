namespace ChatTriageBot.CodeContext;

/// <summary>
/// A callable whose signature refused the call (<see cref="RefusedCallReference"/>: <c>RST.__init__() got an
/// unexpected keyword argument</c>) is the frame a Python traceback leaves out, the one it was entering: its definition
/// counts as much as the innermost frame. A qualified name points at the files defining both parts; a bare one counts
/// by how specific it is and how few files define it (<c>__init__()</c> alone says nothing).
/// </summary>
internal sealed class RefusedCallSignal : IRankingSignal
{
    // The refused callable is the frame the traceback was entering: as telling as the innermost frame it prints.
    private const double RefusedCallBoost = StackFrameSignal.FrameBoost;

    public string Name => "refused-call";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = context.Index;
        foreach (var call in context.References.RefusedCalls)
        {
            if (MentionedSymbol.Parse(call.Callable) is not { } symbol)
            {
                continue;
            }

            var members = index.Definitions(symbol.Member);
            var owners = symbol.Type is null ? null : index.Definitions(symbol.Type).Select(t => t.Document).ToHashSet();
            var defining = owners is null ? members : members.Where(m => owners.Contains(m.Document)).ToList();
            var files = defining.Select(d => d.Document).Distinct().Count();
            if (files == 0)
            {
                continue;
            }

            var boost = RefusedCallBoost * (owners is null ? NameSpecificity.Of(index, symbol.Member) : 1) / Math.Sqrt(files);
            foreach (var (document, line) in defining)
            {
                context.Evidence[document].Add(EvidenceKind.RefusedCall, boost, $"{call.Callable}() refused the call: {call.Complaint}");
                context.Evidence[document].Ranges.Add(new LineRange(line, line + LineWindows.ContextLines));
            }
        }
    }
}
