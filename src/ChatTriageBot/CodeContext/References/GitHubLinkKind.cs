namespace ChatTriageBot.CodeContext;

/// <summary>What a github.com link points at.</summary>
internal enum GitHubLinkKind
{
    Repository,
    Blob,
    Tree,
    Commit,
    Issue,
    PullRequest,
    Compare,
}
