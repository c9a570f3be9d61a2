namespace ChatTriageBot.CodeContext;

/// <summary>Everything in a text that points at code, one list per kind, each in order of first appearance without duplicates.</summary>
internal sealed record CodeReferences(
    IReadOnlyList<GitHubLink> GitHubLinks,
    IReadOnlyList<FilePathReference> FilePaths,
    IReadOnlyList<StackFrameReference> StackFrames,
    IReadOnlyList<ErrorTypeReference> ErrorTypes,
    IReadOnlyList<QuotedMessageReference> Messages,
    IReadOnlyList<IdentifierReference> Identifiers,
    IReadOnlyList<VersionReference> Versions,
    IReadOnlyList<RefusedCallReference> RefusedCalls)
{
    public static CodeReferences Empty { get; } = new([], [], [], [], [], [], [], []);

    public bool IsEmpty =>
        GitHubLinks.Count == 0 && FilePaths.Count == 0 && StackFrames.Count == 0 && ErrorTypes.Count == 0
        && Messages.Count == 0 && Identifiers.Count == 0 && Versions.Count == 0 && RefusedCalls.Count == 0;

    /// <summary>
    /// Every path the text points at (GitHub blob links, written paths, stack frames), with its lines when known,
    /// in that order and without duplicates. Java frames also give the path implied by their package
    /// (<c>com.acme.Cart.total(Cart.java:42)</c> gives <c>com/acme/Cart.java</c>).
    /// </summary>
    public IReadOnlyList<PathHint> PathHints()
    {
        var hints = new List<PathHint>();
        var seen = new HashSet<(string, LineRange?)>();

        void Add(string path, LineRange? lines, PathHintSource source)
        {
            if (path.Length > 0 && seen.Add((path, lines)))
            {
                hints.Add(new PathHint(path, lines, source));
            }
        }

        foreach (var link in GitHubLinks)
        {
            if (link.Kind == GitHubLinkKind.Blob && link.Path is { } path)
            {
                Add(path, link.Lines, PathHintSource.GitHubLink);
            }
        }

        foreach (var file in FilePaths)
        {
            Add(file.Path, file.Line is { } line ? LineRange.At(line) : null, PathHintSource.FilePath);
        }

        foreach (var frame in StackFrames)
        {
            if (frame.Path is not { } path)
            {
                continue;
            }

            var lines = frame.Line is { } line ? LineRange.At(line) : null;
            if (frame.Language == StackFrameLanguage.Java && JavaPackagePath(frame) is { } packaged)
            {
                Add(packaged, lines, PathHintSource.StackFrame);
            }

            Add(path, lines, PathHintSource.StackFrame);
        }

        return hints;
    }

    private static string? JavaPackagePath(StackFrameReference frame)
    {
        if (frame.Symbol is not { } symbol || frame.Path is not { } file || file.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        // com.acme.shop.Cart$Line.total -> package com/acme/shop; keep only lower-case leading segments.
        var slash = symbol.LastIndexOf('/');
        var parts = symbol[(slash + 1)..].Split('.');
        var package = parts.TakeWhile(p => p.Length > 0 && char.IsLower(p[0])).ToList();
        return package.Count == 0 || package.Count == parts.Length ? null : string.Join('/', package) + "/" + file;
    }
}
