using System.Text.RegularExpressions;
using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Whether a configured repository lives on GitHub: its clone URL (<c>https://</c>, <c>ssh://</c> or
/// <c>git@host:owner/name</c>) points at github.com, or at the GitHub Enterprise host of <c>GitHub__ApiBaseUrl</c>.
/// Pull requests can only be opened there; a local path is not on GitHub.
/// </summary>
internal static partial class GitHubLocation
{
    /// <summary><c>owner/name</c> on GitHub, or null when the repository is not on GitHub (or GitHub Enterprise).</summary>
    public static string? Find(RepositoryOptions? repository, GitHubOptions gitHub)
    {
        ArgumentNullException.ThrowIfNull(gitHub);
        if (repository?.CloneUrl is not { Length: > 0 } url || CloneUrl().Match(url.Trim()) is not { Success: true } match)
        {
            return null;
        }

        var host = match.Groups["host"].Value;
        var port = match.Groups["port"].Success ? match.Groups["port"].Value : null;
        var api = gitHub.ApiBaseUrl;
        var onGitHubCom = host.Equals("github.com", StringComparison.OrdinalIgnoreCase)
            && (api.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) || api.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase));
        var onEnterprise = host.Equals(api.Host, StringComparison.OrdinalIgnoreCase)
            && (port is null || port == api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) || !match.Groups["scheme"].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        return onGitHubCom || onEnterprise ? $"{match.Groups["owner"].Value}/{match.Groups["name"].Value}" : null;
    }

    [GeneratedRegex(@"^(?:(?<scheme>https?|ssh)://(?:[^@/]+@)?(?<host>[^/:]+)(?::(?<port>\d+))?/|(?:[^@/]+@)(?<host>[^/:]+):)(?<owner>[A-Za-z0-9_.-]+)/(?<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex CloneUrl();
}
