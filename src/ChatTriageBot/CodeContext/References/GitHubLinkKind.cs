namespace ChatTriageBot.CodeContext;

/// <summary>What a github.com link points at.</summary>
public enum GitHubLinkKind
{
    Repository,
    Blob,
    Tree,
    Commit,
    Issue,
    PullRequest,
    Compare,
}
