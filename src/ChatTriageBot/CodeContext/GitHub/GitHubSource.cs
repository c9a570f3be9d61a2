using System.Globalization;
using Octokit;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Reads the issues and pull requests a request links to (title, body, comments; a pull request's changed files)
/// through Octokit. A link GitHub refuses (404, 401, rate limit) becomes a plain line for the thread, never a failed
/// triage. Octokit takes no cancellation token, so each call is bounded here.
/// </summary>
internal sealed class GitHubSource(GitHubClientFactory clients)
{
    public const int MaxItems = 3;
    public const int MaxComments = 10;
    public const int MaxChangedFiles = 50;
    private const int MaxBodyChars = 8000;

    public async Task<GitHubReading> ReadAsync(IReadOnlyList<GitHubLink> links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        var wanted = links
            .Where(l => l.Kind is GitHubLinkKind.Issue or GitHubLinkKind.PullRequest && l.Number is not null)
            .DistinctBy(l => (l.Owner, l.Repo, l.Number))
            .Take(MaxItems)
            .ToList();
        if (wanted.Count == 0)
        {
            return GitHubReading.None;
        }

        var items = new List<GitHubItem>();
        var problems = new List<string>();
        var client = clients.Client;
        foreach (var link in wanted)
        {
            var name = $"{link.Owner}/{link.Repo}#{link.Number}";
            try
            {
                items.Add(link.Kind == GitHubLinkKind.PullRequest
                    ? await ReadPullRequestAsync(client, link, cancellationToken)
                    : await ReadIssueAsync(client, link, cancellationToken));
            }
            catch (NotFoundException)
            {
                problems.Add($"GitHub: {name} was not found, or the token cannot see it.");
            }
            catch (RateLimitExceededException exception)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"GitHub: rate limit reached while reading {name}; it resets at {exception.Reset.UtcDateTime:HH:mm} UTC."));
            }
            catch (AuthorizationException)
            {
                problems.Add($"GitHub: the token was refused while reading {name} (check GitHub__Token).");
            }
            catch (ApiException exception)
            {
                problems.Add($"GitHub: reading {name} failed ({(int)exception.StatusCode}).");
            }
            catch (HttpRequestException)
            {
                problems.Add($"GitHub: could not be reached while reading {name}.");
            }
        }

        return new GitHubReading(items, problems);
    }

    private static async Task<GitHubItem> ReadIssueAsync(GitHubClient client, GitHubLink link, CancellationToken cancellationToken)
    {
        var issue = await client.Issue.Get(link.Owner, link.Repo, link.Number!.Value).WaitAsync(cancellationToken);
        var comments = await client.Issue.Comment.GetAllForIssue(link.Owner, link.Repo, link.Number.Value, new ApiOptions { PageSize = MaxComments, PageCount = 1 })
            .WaitAsync(cancellationToken);
        return new GitHubItem($"{link.Owner}/{link.Repo}", issue.Number, issue.PullRequest is not null, issue.Title ?? string.Empty, Cap(issue.Body))
        {
            Comments = [.. comments.Take(MaxComments).Select(c => Cap(c.Body))],
        };
    }

    private static async Task<GitHubItem> ReadPullRequestAsync(GitHubClient client, GitHubLink link, CancellationToken cancellationToken)
    {
        var pull = await client.PullRequest.Get(link.Owner, link.Repo, link.Number!.Value).WaitAsync(cancellationToken);
        var files = await client.PullRequest.Files(link.Owner, link.Repo, link.Number.Value, new ApiOptions { PageSize = MaxChangedFiles, PageCount = 1 })
            .WaitAsync(cancellationToken);
        // A pull request's conversation is its issue's comments.
        var comments = await client.Issue.Comment.GetAllForIssue(link.Owner, link.Repo, link.Number.Value, new ApiOptions { PageSize = MaxComments, PageCount = 1 })
            .WaitAsync(cancellationToken);
        return new GitHubItem($"{link.Owner}/{link.Repo}", pull.Number, true, pull.Title ?? string.Empty, Cap(pull.Body))
        {
            Comments = [.. comments.Take(MaxComments).Select(c => Cap(c.Body))],
            ChangedFiles = [.. files.Take(MaxChangedFiles).Select(f => f.FileName)],
        };
    }

    private static string Cap(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Length <= MaxBodyChars ? text : text[..MaxBodyChars] + "…";
}
