using Microsoft.Extensions.Options;
using Octokit;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Owns the one Octokit <see cref="GitHubClient"/> of the process, configured from <see cref="GitHubOptions"/>
/// (base address, token, request timeout). Octokit has no cancellation tokens: callers wrap its calls.
/// </summary>
internal sealed class GitHubClientFactory(IOptions<GitHubOptions> options)
{
    /// <summary>Sent as the User-Agent product, as GitHub requires.</summary>
    public const string ProductName = "ChatTriageBot";

    private readonly Lazy<GitHubClient> client = new(() => Create(options.Value));

    /// <summary>The shared client, created on first use.</summary>
    public GitHubClient Client => client.Value;

    /// <summary>Creates a new client from <paramref name="options"/>; prefer the shared <see cref="Client"/>.</summary>
    public static GitHubClient Create(GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var gitHub = new GitHubClient(new ProductHeaderValue(ProductName), NormalizeBaseAddress(options.ApiBaseUrl));
        if (!string.IsNullOrWhiteSpace(options.Token))
        {
            gitHub.Credentials = new Credentials(options.Token.Trim());
        }

        gitHub.SetRequestTimeout(options.Timeout);
        return gitHub;
    }

    /// <summary>
    /// github.com stays as configured; any other host is served from <c>scheme://host:port/api/v3/</c>, so a configured
    /// <c>/api/v3</c> suffix (with or without the slash) and a bare host give the same address.
    /// </summary>
    internal static Uri NormalizeBaseAddress(Uri apiBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        if (!apiBaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"GitHub__ApiBaseUrl must be an absolute URL, not '{apiBaseUrl}'.", nameof(apiBaseUrl));
        }

        if (apiBaseUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
            || apiBaseUrl.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase))
        {
            return GitHubClient.GitHubApiUrl;
        }

        return new Uri(apiBaseUrl.GetLeftPart(UriPartial.Authority) + "/api/v3/");
    }
}
