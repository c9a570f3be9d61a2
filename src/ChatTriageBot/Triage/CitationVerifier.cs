using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;

namespace ChatTriageBot.Triage;

/// <summary>
/// Keeps only evidence that exists at the pinned commit: the path must be a text file there and the line range must
/// lie inside it. Everything else (invented paths, lines past the end) is dropped and reported.
/// </summary>
internal static class CitationVerifier
{
    public static (IReadOnlyList<Evidence> Kept, IReadOnlyList<Evidence> Dropped) Verify(RepositorySnapshot snapshot, IReadOnlyList<Evidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(evidence);
        var kept = new List<Evidence>();
        var dropped = new List<Evidence>();
        foreach (var item in evidence)
        {
            var path = Normalize(item.Path);
            var lines = path.Length == 0 ? null : snapshot.ReadLines(path);
            if (lines is not null && item.StartLine >= 1 && item.EndLine >= item.StartLine && item.EndLine <= lines.Count)
            {
                kept.Add(item with { Path = path });
            }
            else
            {
                dropped.Add(item);
            }
        }

        return (kept, dropped);
    }

    /// <summary>Lines as an editor or GitHub numbers them: the empty piece after a final line end is not a line.</summary>

    private static string Normalize(string path)
    {
        var clean = (path ?? string.Empty).Trim().Replace('\\', '/');
        while (clean.StartsWith("./", StringComparison.Ordinal))
        {
            clean = clean[2..];
        }

        return clean.TrimStart('/');
    }
}
