using System.Globalization;
using ChatTriageBot.CodeContext;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>
/// The checks every patch goes through before it is offered as a pull request: each changed path is inside the
/// repository and not protected (<c>Fixes__ProtectedPaths</c>), and the patch is small enough
/// (<c>Fixes__MaxFiles</c>, <c>Fixes__MaxChangedLines</c>). The repository's own check command, when it has one, runs
/// after these pass (<see cref="CheckCommandRunner"/>).
/// </summary>
internal sealed class PatchChecks(IOptions<FixesOptions> options)
{
    private readonly Lazy<IReadOnlyList<PathGlob>> _protected = new(() =>
        [.. options.Value.EffectiveProtectedPaths.Select(p => new PathGlob(p, ignoreCase: true))]);

    public IReadOnlyList<FixCheck> Check(RepositorySnapshot snapshot, IReadOnlyList<string> changedFiles, string patch)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(changedFiles);
        ArgumentNullException.ThrowIfNull(patch);
        return [CheckPaths(snapshot, changedFiles), CheckSize(changedFiles, patch)];
    }

    private FixCheck CheckPaths(RepositorySnapshot snapshot, IReadOnlyList<string> changedFiles)
    {
        var problems = new List<string>();
        foreach (var path in changedFiles)
        {
            if (OutsideReason(snapshot, path) is { } outside)
            {
                problems.Add($"{path}: {outside}");
            }
            else if (_protected.Value.FirstOrDefault(g => g.Matches(path)) is { } glob)
            {
                problems.Add($"{path} is protected ({glob.Pattern})");
            }
        }

        return problems.Count == 0
            ? new FixCheck(FixCheck.Paths, true, string.Create(CultureInfo.InvariantCulture, $"{changedFiles.Count} file(s), all inside the repository and none protected"))
            : new FixCheck(FixCheck.Paths, false, string.Join("; ", problems));
    }

    private FixCheck CheckSize(IReadOnlyList<string> changedFiles, string patch)
    {
        var (added, removed) = PatchText.CountLines(patch);
        var limits = options.Value;
        var inv = CultureInfo.InvariantCulture;
        var problems = new List<string>();
        if (changedFiles.Count > limits.MaxFiles)
        {
            problems.Add(string.Create(inv, $"{changedFiles.Count} files changed, more than Fixes__MaxFiles ({limits.MaxFiles})"));
        }

        if (added + removed > limits.MaxChangedLines)
        {
            problems.Add(string.Create(inv, $"{added + removed} lines changed, more than Fixes__MaxChangedLines ({limits.MaxChangedLines})"));
        }

        return problems.Count == 0
            ? new FixCheck(FixCheck.Size, true, string.Create(inv, $"{changedFiles.Count} file(s), {added + removed} line(s) changed (limits {limits.MaxFiles} and {limits.MaxChangedLines})"))
            : new FixCheck(FixCheck.Size, false, string.Join("; ", problems));
    }

    /// <summary>Why a path is not a file inside the repository at the patched commit, or null when it is one.</summary>
    private static string? OutsideReason(RepositorySnapshot snapshot, string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(path))
        {
            return "not a relative path inside the repository";
        }

        var segments = path.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            return "leaves the repository or is not a plain path";
        }

        if (segments[0].Equals(".git", StringComparison.OrdinalIgnoreCase))
        {
            return "is inside git's own folder";
        }

        if (snapshot.IsSymbolicLink(path))
        {
            return "is a symbolic link";
        }

        return snapshot.Contains(path) ? null : "is not a file of the repository at this commit";
    }
}
