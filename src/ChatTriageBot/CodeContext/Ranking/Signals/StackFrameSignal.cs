namespace ChatTriageBot.CodeContext;

/// <summary>
/// A stack frame's file is where the error passed: the innermost frame of this repository most, its callers less and
/// less. Its line is the one to show, and a file a frame is in counts as named (a test file in a traceback is not
/// down-weighted). A Java frame's bare file name is matched through the package its class is in.
/// </summary>
internal sealed class StackFrameSignal : IRankingSignal
{
    /// <summary>The innermost frame: where the error happened, or the code that called the failing library.</summary>
    public const double FrameBoost = 3.0;

    // Each frame further out counts this much of the one inside it: the caller of the failing code is a likely fix too.
    private const double FrameDepthDecay = 0.6;

    // However far out, a frame of this repository keeps this share: a fix is sometimes where the bad value came from.
    private const double FrameDepthFloor = 0.35;

    public string Name => "stack-frame";

    /// <summary>
    /// The frames innermost first: Python prints the innermost frame last ("most recent call last"), the other
    /// languages first.
    /// </summary>
    public static IEnumerable<StackFrameReference> InnermostFirst(CodeReferences references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return references.StackFrames.Where(f => f.Language != StackFrameLanguage.Python)
            .Concat(references.StackFrames.Where(f => f.Language == StackFrameLanguage.Python).Reverse());
    }

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paths = context.Paths;
        var packagedHints = context.References.PathHints().Where(h => h.Source == PathHintSource.StackFrame).ToList();

        // Depth counts only frames in this repository, so library frames above the first one of ours do not push it down.
        var depth = 0;
        foreach (var frame in InnermostFirst(context.References))
        {
            if (frame.Path is null)
            {
                continue;
            }

            var (matches, full) = paths.Match(frame.Path);
            if (!full && frame.Language == StackFrameLanguage.Java)
            {
                var packaged = packagedHints.FirstOrDefault(h => h.Path.EndsWith("/" + frame.Path, StringComparison.Ordinal));
                if (packaged is not null)
                {
                    (matches, full) = paths.Match(packaged.Path);
                }
            }

            if (!full && matches.Count != 1)
            {
                continue;
            }

            var boost = FrameBoost * Math.Max(FrameDepthFloor, Math.Pow(FrameDepthDecay, depth++));
            foreach (var document in matches)
            {
                var e = context.Evidence[document];
                e.Named = true;
                e.Add(EvidenceKind.StackFrame, boost, frame.Line is { } line ? $"stack frame line {line}" : "in a stack frame");
                if (frame.Line is { } frameLine)
                {
                    e.Ranges.Add(LineWindows.Around(frameLine));
                }
            }
        }
    }
}
