namespace ChatTriageBot.CodeContext;

/// <summary>
/// A github.com link. <see cref="Ref"/> is the branch, tag or sha of blob/tree links and the sha of commit links;
/// <see cref="Number"/> is set for issues and pull requests; <see cref="BaseRef"/>/<see cref="HeadRef"/> for compare links.
/// </summary>
internal sealed record GitHubLink(
    string Url,
    GitHubLinkKind Kind,
    string Owner,
    string Repo,
    string? Ref = null,
    string? Path = null,
    LineRange? Lines = null,
    int? Number = null,
    string? BaseRef = null,
    string? HeadRef = null)
{
    /// <summary>The repository as <c>owner/name</c>.</summary>
    public string Repository => $"{Owner}/{Repo}";
}
