namespace ChatTriageBot.Fixes;

/// <summary>Reads a unified diff: lines added and removed, and the files it changes.</summary>
internal static class PatchText
{
    public static (int Added, int Removed) CountLines(string patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var lines = patch.Split('\n');
        return (lines.Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)),
                lines.Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)));
    }

    /// <summary>The paths a patch made by <see cref="FixGenerator"/> changes (from its <c>+++ b/path</c> lines).</summary>
    public static IReadOnlyList<string> ChangedFiles(string patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return [.. patch.Split('\n')
            .Where(l => l.StartsWith("+++ b/", StringComparison.Ordinal))
            .Select(l => l["+++ b/".Length..].TrimEnd('\r'))
            .Distinct(StringComparer.Ordinal)];
    }
}
