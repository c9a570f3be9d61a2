using ChatTriageBot.CodeContext;
using Octokit;

namespace ChatTriageBot.Fixes;

/// <summary>
/// The GitHub side of Open PR, through Octokit and GitHub's Git Data API: blobs, a tree on the base commit's tree, a
/// commit on the base, the branch (created, or moved forward, never forced), and a draft pull request. Every write is
/// looked up first, so a retry, a second click or another replica finds what an earlier attempt wrote and adds
/// nothing twice. Octokit takes no cancellation token; each call is bounded by the caller's.
/// </summary>
internal sealed class PullRequestPublisher(GitHubClientFactory clients)
{
    /// <summary>A repository as GitHub describes it to the bot's token.</summary>
    internal sealed record RepositoryInfo(string DefaultBranch, string HtmlUrl, bool CanPush, string HeadSha);

    /// <summary>Where the change goes: the repository, its default branch and that branch's head, and the fix's branch.</summary>
    internal sealed record Target(string Owner, string Name, string DefaultBranch, string HeadSha, string Branch);

    /// <summary>A changed file's whole new text.</summary>
    internal sealed record Change(string Path, string Content, bool Executable);

    /// <summary>The draft pull request of the branch, and whether this call created it.</summary>
    internal sealed record Opened(int Number, string Url, string AuthorLogin, bool Created);

    private GitHubClient GitHub => clients.Client;

    public async Task<RepositoryInfo> ReadRepositoryAsync(string owner, string name, CancellationToken cancellationToken)
    {
        var repository = await GitHub.Repository.Get(owner, name).WaitAsync(cancellationToken);
        var head = await GitHub.Git.Reference.Get(owner, name, "heads/" + repository.DefaultBranch).WaitAsync(cancellationToken);
        return new RepositoryInfo(repository.DefaultBranch, repository.HtmlUrl, repository.Permissions?.Push == true, head.Object.Sha);
    }

    /// <summary>
    /// Puts <paramref name="changes"/> on the target's branch as one commit on the default branch's head; returns the
    /// branch's tip. A branch already holding exactly that tree is left as it is; one holding something else (an
    /// earlier revision) gets a new commit on top, so the update is a fast-forward.
    /// </summary>
    public async Task<string> CommitAsync(Target target, IReadOnlyList<Change> changes, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(changes);
        if (!target.Branch.StartsWith(BranchName.Prefix, StringComparison.Ordinal) || target.Branch == target.DefaultBranch)
        {
            throw new InvalidOperationException($"Refusing to write to '{target.Branch}': the bot writes only to its own {BranchName.Prefix}* branches.");
        }

        var (owner, name) = (target.Owner, target.Name);
        var head = await GitHub.Git.Commit.Get(owner, name, target.HeadSha).WaitAsync(cancellationToken);
        var tree = new NewTree { BaseTree = head.Tree.Sha };
        foreach (var change in changes)
        {
            var blob = await GitHub.Git.Blob.Create(owner, name, new NewBlob { Content = change.Content, Encoding = EncodingType.Utf8 }).WaitAsync(cancellationToken);
            tree.Tree.Add(new NewTreeItem { Path = change.Path, Mode = change.Executable ? "100755" : "100644", Type = TreeType.Blob, Sha = blob.Sha });
        }

        var treeSha = (await GitHub.Git.Tree.Create(owner, name, tree).WaitAsync(cancellationToken)).Sha;
        var reference = "heads/" + target.Branch;
        var existing = await FindReferenceAsync(owner, name, reference, cancellationToken);
        if (existing is null)
        {
            var commit = await GitHub.Git.Commit.Create(owner, name, new NewCommit(message, treeSha, target.HeadSha)).WaitAsync(cancellationToken);
            try
            {
                await GitHub.Git.Reference.Create(owner, name, new NewReference("refs/" + reference, commit.Sha)).WaitAsync(cancellationToken);
                return commit.Sha;
            }
            catch (ApiValidationException exception) when (exception.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)
                || exception.ApiError?.Errors?.Any(e => e.Message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true) == true)
            {
                // Another attempt created the branch between our look and our write: carry on from what it wrote.
                existing = await FindReferenceAsync(owner, name, reference, cancellationToken)
                    ?? throw new InvalidOperationException($"GitHub says {target.Branch} exists but does not show it.");
            }
        }

        var tip = await GitHub.Git.Commit.Get(owner, name, existing.Object.Sha).WaitAsync(cancellationToken);
        if (tip.Tree.Sha == treeSha)
        {
            return tip.Sha;
        }

        // The new commit keeps the old tip as a parent (a fast-forward, never a forced push) and, when the default branch
        // moved since, its head too, so the pull request shows only the fix.
        string[] parents = tip.Parents.Any(p => p.Sha == target.HeadSha) ? [tip.Sha] : [tip.Sha, target.HeadSha];
        var next = await GitHub.Git.Commit.Create(owner, name, new NewCommit(message, treeSha, parents)).WaitAsync(cancellationToken);
        await GitHub.Git.Reference.Update(owner, name, reference, new ReferenceUpdate(next.Sha, force: false)).WaitAsync(cancellationToken);
        return next.Sha;
    }

    /// <summary>The branch's pull request (any state): the one already there, or a new draft.</summary>
    public async Task<Opened> OpenAsync(Target target, string title, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (await FindPullRequestAsync(target, cancellationToken) is { } found)
        {
            return found;
        }

        try
        {
            var pull = await GitHub.PullRequest.Create(target.Owner, target.Name, new NewPullRequest(title, target.Branch, target.DefaultBranch) { Body = body, Draft = true })
                .WaitAsync(cancellationToken);
            return new Opened(pull.Number, pull.HtmlUrl, pull.User?.Login ?? string.Empty, Created: true);
        }
        catch (ApiValidationException) when (!cancellationToken.IsCancellationRequested)
        {
            // "A pull request already exists": another attempt opened it between our look and our write.
            if (await FindPullRequestAsync(target, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }
    }

    public async Task AddLabelsAsync(string owner, string name, int number, IReadOnlyList<string> labels, CancellationToken cancellationToken) =>
        await GitHub.Issue.Labels.AddToIssue(owner, name, number, [.. labels]).WaitAsync(cancellationToken);

    /// <summary>The repository's CODEOWNERS at <paramref name="sha"/>, from the first place GitHub looks that has one; null when none does.</summary>
    public async Task<string?> ReadCodeOwnersAsync(string owner, string name, string sha, CancellationToken cancellationToken)
    {
        foreach (var path in CodeOwners.Locations)
        {
            try
            {
                var contents = await GitHub.Repository.Content.GetAllContentsByRef(owner, name, path, sha).WaitAsync(cancellationToken);
                if (contents.Count > 0 && contents[0].Content is { } text)
                {
                    return text;
                }
            }
            catch (NotFoundException)
            {
                // Not there: GitHub looks in the next place too.
            }
        }

        return null;
    }

    public async Task RequestReviewersAsync(string owner, string name, int number, IReadOnlyList<string> users, IReadOnlyList<string> teams, CancellationToken cancellationToken) =>
        await GitHub.PullRequest.ReviewRequest.Create(owner, name, number, new PullRequestReviewRequest(users, teams)).WaitAsync(cancellationToken);

    private async Task<Reference?> FindReferenceAsync(string owner, string name, string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await GitHub.Git.Reference.Get(owner, name, reference).WaitAsync(cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task<Opened?> FindPullRequestAsync(Target target, CancellationToken cancellationToken)
    {
        var pulls = await GitHub.PullRequest.GetAllForRepository(
                target.Owner, target.Name, new PullRequestRequest { Head = $"{target.Owner}:{target.Branch}", State = ItemStateFilter.All }, new ApiOptions { PageSize = 10, PageCount = 1 })
            .WaitAsync(cancellationToken);
        return pulls.FirstOrDefault(p => p.Head?.Ref == target.Branch) is { } pull
            ? new Opened(pull.Number, pull.HtmlUrl, pull.User?.Login ?? string.Empty, Created: false)
            : null;
    }
}
