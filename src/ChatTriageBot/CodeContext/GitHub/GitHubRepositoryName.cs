using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>Reads <c>owner/name</c> out of GitHub clone URLs (https, ssh, scp-style).</summary>
internal static partial class GitHubRepositoryName
{
    public static string? TryParse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var match = GitHubUrl().Match(url.Trim());
        return match.Success ? $"{match.Groups["owner"].Value}/{match.Groups["name"].Value}" : null;
    }

    /// <summary>From the repository argument when it is a GitHub URL, else from the snapshot's <c>origin</c> remote.</summary>
    public static string? Guess(string repository, RepositorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return TryParse(repository) ?? TryParse(snapshot.OriginUrl);
    }

    [GeneratedRegex(@"^(?:https?://(?:[^@/]+@)?github\.com/|ssh://git@github\.com/|git@github\.com:)(?<owner>[A-Za-z0-9_.-]+)/(?<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubUrl();
}
