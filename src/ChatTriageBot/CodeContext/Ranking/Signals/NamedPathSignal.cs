namespace ChatTriageBot.CodeContext;

/// <summary>
/// A path the text writes (<c>src/cart.py:12</c>, a link to a file, a frame's file, a bare <c>utils.py</c>) names that
/// file, and the lines it gives are the ones to show. A bare name several files bear lifts each of them a little.
/// </summary>
internal sealed class NamedPathSignal : IRankingSignal
{
    // A file the text names by its path is what the report is about more surely than any word can say.
    private const double NamedBoost = 4.0;

    // The path of a frame that calls the innermost one, written only in the traceback, counts half: the frame's own
    // boost says how much it matters, and a long traceback's outer frames (the framework's dispatch, the reporter's
    // manage.py) would otherwise crowd out the file the summary is about.
    private const double OuterFrameFactor = 0.5;

    // A file name the text writes without enough of its path to single a file out: shared (by √n) among its bearers.
    private const double BasenameBoost = 1.5;

    public string Name => "named-path";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paths = context.Paths;
        var outerFrames = OuterFramePaths(context.References, paths);
        foreach (var hint in context.References.PathHints())
        {
            var (matches, full) = paths.Match(hint.Path);
            var bare = !hint.Path.Contains('/', StringComparison.Ordinal);
            var named = outerFrames.Contains(hint.Path) ? NamedBoost * OuterFrameFactor : NamedBoost;
            foreach (var document in matches)
            {
                // "python manage.py migrate" is about the reporter's project, not the sample project under tests/: a bare
                // name names a test file only by its basename, and the file stays down-weighted as a test.
                var e = context.Evidence[document];
                if (full && !(bare && paths.IsTest(document)))
                {
                    e.Add(EvidenceKind.NamedPath, named, "named in the text");
                    e.Named = true;
                }
                else
                {
                    e.Add(EvidenceKind.Basename, BasenameBoost / Math.Sqrt(matches.Count), "basename named in the text");
                }

                if (hint.Lines is { } lines && (full || matches.Count == 1))
                {
                    e.Ranges.Add(lines.Start == lines.End ? LineWindows.Around(lines.Start) : lines);
                }
            }
        }
    }

    /// <summary>The paths of the frames that call the innermost frame of this repository, written only as such.</summary>
    private static HashSet<string> OuterFramePaths(CodeReferences references, PathIndex paths)
    {
        var outer = new HashSet<string>(StringComparer.Ordinal);
        string? innermost = null;
        foreach (var frame in StackFrameSignal.InnermostFirst(references))
        {
            if (frame.Path is not { } path || (innermost is null && paths.Match(path).Matches.Count == 0))
            {
                continue;
            }

            innermost ??= path;
            if (!string.Equals(path, innermost, StringComparison.Ordinal))
            {
                outer.Add(path);
            }
        }

        return outer;
    }
}
