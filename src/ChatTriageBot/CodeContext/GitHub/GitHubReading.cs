namespace ChatTriageBot.CodeContext;

/// <summary>What could be read from GitHub for a request's links, and a plain line for each link that could not.</summary>
internal sealed record GitHubReading(IReadOnlyList<GitHubItem> Items, IReadOnlyList<string> Problems)
{
    public static GitHubReading None { get; } = new([], []);
}
