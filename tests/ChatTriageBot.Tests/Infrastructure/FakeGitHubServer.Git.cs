using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LibGit2Sharp;
using Microsoft.AspNetCore.Http;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// Hosted repositories: a repository seeded with <see cref="HostRepository"/> is a real bare git repository, served at
/// <c>/{owner}/{repo}.git</c> over git's smart HTTP (so the bot can mirror it with the same token it sends GitHub), and
/// GitHub's REST API reads and writes it for real: blobs, trees, commits and refs of the Git Data API (422 "Reference
/// already exists", "Update is not a fast forward", "Object does not exist"), contents at a ref, pull requests with
/// their files as git computes them, merges, labels and requested reviewers.
/// </summary>
public sealed partial class FakeGitHubServer
{
    private readonly Lazy<TempDirectory> gitRoot = new(() => new TempDirectory("fake-github"));

    /// <summary>
    /// Hosts a bare clone of the repository at <paramref name="sourcePath"/> as <c>owner/repo</c>; returns its clone URL
    /// on this server (<c>http://127.0.0.1:PORT/owner/repo.git</c>), which asks for the token as GitHub does.
    /// </summary>
    public string HostRepository(string owner, string repo, string sourcePath, string defaultBranch = "main")
    {
        var path = System.IO.Path.Combine(gitRoot.Value.Path, owner, repo + ".git");
        LibGit2Sharp.Repository.Clone(sourcePath, path, new CloneOptions { IsBare = true });
        lock (state)
        {
            var repository = Repository(owner, repo);
            repository.GitPath = path;
            repository.DefaultBranch = defaultBranch;
        }

        return new Uri(BaseAddress, $"{owner}/{repo}.git").AbsoluteUri;
    }

    /// <summary>Sets what <c>permissions.push</c> says about the token on <c>owner/repo</c>.</summary>
    public void SetCanPush(string owner, string repo, bool canPush)
    {
        lock (state)
        {
            Repository(owner, repo).CanPush = canPush;
        }
    }

    /// <summary>Commits <paramref name="content"/> at <paramref name="path"/> on a hosted repository's branch (someone else pushing); returns the commit's sha.</summary>
    public string CommitFile(string owner, string repo, string branch, string path, string content, string message)
    {
        lock (state)
        {
            using var git = new LibGit2Sharp.Repository(Hosted(owner, repo));
            var tip = git.Branches[branch].Tip;
            var definition = TreeDefinition.From(tip.Tree);
            definition.Add(path, git.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(content))), Mode.NonExecutableFile);
            var signature = new Signature("Someone Else", "someone@example.invalid", TimeProvider.System.GetUtcNow());
            var commit = git.ObjectDatabase.CreateCommit(signature, signature, message, git.ObjectDatabase.CreateTree(definition), [tip], prettifyMessage: true);
            git.Refs.UpdateTarget(git.Branches[branch].Reference, commit.Id, "test push");
            return commit.Sha;
        }
    }

    /// <summary>The sha a hosted repository's branch points at, or null when there is no such branch.</summary>
    public string? BranchTip(string owner, string repo, string branch)
    {
        lock (state)
        {
            using var git = new LibGit2Sharp.Repository(Hosted(owner, repo));
            return git.Branches[branch]?.Tip.Sha;
        }
    }

    /// <summary>The branches of a hosted repository.</summary>
    public IReadOnlyList<string> Branches(string owner, string repo)
    {
        lock (state)
        {
            using var git = new LibGit2Sharp.Repository(Hosted(owner, repo));
            return [.. git.Branches.Select(b => b.FriendlyName).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>A file's text at a ref (branch or sha) of a hosted repository, or null.</summary>
    public string? FileAt(string owner, string repo, string gitRef, string path)
    {
        lock (state)
        {
            using var git = new LibGit2Sharp.Repository(Hosted(owner, repo));
            return git.Lookup<Commit>(gitRef)?[path]?.Target is Blob blob ? blob.GetContentText() : null;
        }
    }

    /// <summary>The pull requests of a repository (copies), by number.</summary>
    public IReadOnlyList<JsonObject> PullRequests(string owner, string repo)
    {
        lock (state)
        {
            return [.. Repository(owner, repo).Pulls.OrderBy(p => p.Key).Select(p => p.Value.DeepClone().AsObject())];
        }
    }

    /// <summary>
    /// Merges a pull request of a hosted repository as GitHub's merge button does (a merge commit on the base branch)
    /// and returns the <c>pull_request</c> webhook payload GitHub would send (action <c>closed</c>, <c>merged: true</c>).
    /// </summary>
    public JsonObject MergePullRequest(string owner, string repo, int number, string mergedBy)
    {
        lock (state)
        {
            var repository = Repository(owner, repo);
            var pull = repository.Pulls[number];
            using var git = new LibGit2Sharp.Repository(Hosted(owner, repo));
            var head = git.Branches[pull["head"]!["ref"]!.GetValue<string>()].Tip;
            var baseBranch = git.Branches[pull["base"]!["ref"]!.GetValue<string>()];
            repository.PullFiles[number] = [.. ComputeFiles(git, baseBranch.Tip, head).Select(f => f!.DeepClone().AsObject())];
            var merge = git.ObjectDatabase.MergeCommits(baseBranch.Tip, head, new MergeTreeOptions());
            if (merge.Status != MergeTreeStatus.Succeeded)
            {
                throw new InvalidOperationException($"Pull request #{number} has conflicts.");
            }

            var signature = new Signature(mergedBy, $"{mergedBy}@example.invalid", TimeProvider.System.GetUtcNow());
            var commit = git.ObjectDatabase.CreateCommit(signature, signature, $"Merge pull request #{number} from {owner}/{head.Sha[..7]}", merge.Tree, [baseBranch.Tip, head], prettifyMessage: true);
            git.Refs.UpdateTarget(baseBranch.Reference, commit.Id, "merge");
            var now = Timestamp();
            pull["state"] = "closed";
            pull["merged"] = true;
            pull["merged_by"] = UserJson(mergedBy);
            pull["merged_at"] = now;
            pull["closed_at"] = now;
            pull["merge_commit_sha"] = commit.Sha;
            pull["closed_by"] = UserJson(mergedBy);
            return WebhookPayload(owner, repo, pull, mergedBy);
        }
    }

    /// <summary>Closes a pull request without merging it; returns the <c>pull_request</c> webhook payload (action <c>closed</c>, <c>merged: false</c>).</summary>
    public JsonObject ClosePullRequest(string owner, string repo, int number, string closedBy)
    {
        lock (state)
        {
            var pull = Repository(owner, repo).Pulls[number];
            pull["state"] = "closed";
            pull["closed_at"] = Timestamp();
            pull["closed_by"] = UserJson(closedBy);
            return WebhookPayload(owner, repo, pull, closedBy);
        }
    }

    /// <summary>Queues GitHub's 403 for a token without the permission a call needs (<c>X-Accepted-GitHub-Permissions</c> names it).</summary>
    public void RespondForbidden(string route, string message = "Resource not accessible by personal access token", string? acceptedPermissions = null, int times = 1)
    {
        var response = Error(message, StatusCodes.Status403Forbidden);
        RespondWith(route, acceptedPermissions is null ? response : response.WithHeader("X-Accepted-GitHub-Permissions", acceptedPermissions), times);
    }

    /// <summary>Queues GitHub's secondary rate limit answer: <paramref name="statusCode"/> (403 or 429) with <c>retry-after</c>.</summary>
    public void RespondSecondaryRateLimited(string route, int retryAfterSeconds = 60, int statusCode = StatusCodes.Status429TooManyRequests, int times = 1) =>
        RespondWith(route, Error("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", statusCode)
            .WithHeader("retry-after", retryAfterSeconds.ToString(CultureInfo.InvariantCulture)), times);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (gitRoot.IsValueCreated)
        {
            await gitRoot.Value.DisposeAsync();
        }
    }

    private static string Timestamp() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static Mode? ParseMode(string? mode) => mode switch
    {
        "100644" => Mode.NonExecutableFile,
        "100755" => Mode.ExecutableFile,
        "120000" => Mode.SymbolicLink,
        _ => null,
    };

    private static JsonArray ComputeFiles(LibGit2Sharp.Repository git, Commit baseTip, Commit head)
    {
        var mergeBase = git.ObjectDatabase.FindMergeBase(baseTip, head) ?? baseTip;
        var files = new JsonArray();
        foreach (var change in git.Diff.Compare<Patch>(mergeBase.Tree, head.Tree))
        {
            files.Add(new JsonObject
            {
                ["sha"] = change.Oid.Sha,
                ["filename"] = change.Path,
                ["status"] = change.Status switch
                {
                    ChangeKind.Added => "added",
                    ChangeKind.Deleted => "removed",
                    ChangeKind.Renamed => "renamed",
                    _ => "modified",
                },
                ["additions"] = change.LinesAdded,
                ["deletions"] = change.LinesDeleted,
                ["changes"] = change.LinesAdded + change.LinesDeleted,
                ["patch"] = change.Patch,
            });
        }

        return files;
    }

    /// <summary>A request for a hosted repository's git smart-HTTP endpoints, answered by git itself; null for other paths.</summary>
    private Func<CancellationToken, Task<FakeResponse>>? HostedGitRequest(RecordedRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || !segments[1].EndsWith(".git", StringComparison.Ordinal))
        {
            return null;
        }

        lock (state)
        {
            if (!repositories.TryGetValue($"{segments[0]}/{segments[1][..^4]}", out var repository) || repository.GitPath is null)
            {
                return null;
            }
        }

        var expected = ExpectedToken is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{ExpectedToken}"));
        if (expected is not null && request.Authorization != expected)
        {
            return _ => Task.FromResult(FakeResponse.Text("Unauthorized", StatusCodes.Status401Unauthorized).WithHeader("WWW-Authenticate", "Basic realm=\"GitHub\""));
        }

        return cancellationToken => GitHttpBackend.RunAsync(gitRoot.Value.Path, request, cancellationToken);
    }

    private string Hosted(string owner, string repo) =>
        repositories.TryGetValue($"{owner}/{repo}", out var repository) && repository.GitPath is { } path
            ? path
            : throw new InvalidOperationException($"{owner}/{repo} is not a hosted repository: call HostRepository first.");

    private FakeResponse AnswerHosted(RecordedRequest request, RepositoryState repository, string gitPath, string owner, string repo, string[] rest, JsonElement body)
    {
        using var git = new LibGit2Sharp.Repository(gitPath);
        return (request.Method, rest) switch
        {
            ("GET", []) => FakeResponse.Json(RepositoryJson(owner, repo, repository)),
            ("GET", ["issues", var n]) => GetIssue(repository, owner, repo, n),
            ("GET", ["issues", var n, "comments"]) => IssueComments(repository, n),
            ("POST", ["issues", var n, "comments"]) => CreateComment(repository, owner, repo, n, body),
            ("POST", ["issues", var n, "labels"]) => AddLabels(repository, n, body),
            ("GET", ["pulls"]) => ListPulls(repository, owner, request.Query),
            ("GET", ["pulls", var n]) => Find(repository.Pulls, n),
            ("GET", ["pulls", var n, "files"]) => HostedPullFiles(git, repository, n),
            ("POST", ["pulls"]) => CreateHostedPull(git, repository, owner, repo, body),
            ("POST", ["pulls", var n, "requested_reviewers"]) => RequestReviewers(repository, n, body),
            ("GET", ["contents", .. var path]) => HostedContents(git, repository, owner, repo, string.Join('/', path), request.Query),
            ("POST", ["git", "blobs"]) => HostedBlob(git, owner, repo, body),
            ("POST", ["git", "trees"]) => HostedTree(git, owner, repo, body),
            ("GET", ["git", "commits", var sha]) => git.Lookup<Commit>(sha) is { } commit ? FakeResponse.Json(CommitJson(owner, repo, commit)) : NotFound(),
            ("POST", ["git", "commits"]) => HostedCommit(git, owner, repo, body),
            ("POST", ["git", "refs"]) => HostedCreateRef(git, owner, repo, body),
            ("PATCH", ["git", "refs", .. var name]) => HostedUpdateRef(git, owner, repo, "refs/" + string.Join('/', name), body),
            ("GET", ["git", "ref" or "refs", .. var name]) => git.Refs["refs/" + string.Join('/', name)] is { } found
                ? FakeResponse.Json(RefJson(owner, repo, found.CanonicalName, found.ResolveToDirectReference().TargetIdentifier))
                : NotFound(),
            _ => NotFound(),
        };
    }

    private FakeResponse HostedBlob(LibGit2Sharp.Repository git, string owner, string repo, JsonElement body)
    {
        if (String(body, "content") is not { } content)
        {
            return ValidationFailed("content is required");
        }

        byte[] bytes;
        try
        {
            bytes = String(body, "encoding") is "base64" ? Convert.FromBase64String(content) : Encoding.UTF8.GetBytes(content);
        }
        catch (FormatException)
        {
            return ValidationFailed("content is not valid base64");
        }

        var blob = git.ObjectDatabase.CreateBlob(new MemoryStream(bytes));
        return Created(new JsonObject { ["sha"] = blob.Sha, ["url"] = Api($"repos/{owner}/{repo}/git/blobs/{blob.Sha}") });
    }

    private FakeResponse HostedTree(LibGit2Sharp.Repository git, string owner, string repo, JsonElement body)
    {
        if (!body.TryGetProperty("tree", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return ValidationFailed("tree is missing");
        }

        TreeDefinition definition;
        if (String(body, "base_tree") is { } baseSha)
        {
            if (git.Lookup<Tree>(baseSha) is not { } baseTree)
            {
                return ValidationFailed($"base_tree {baseSha} is not a valid tree oid");
            }

            definition = TreeDefinition.From(baseTree);
        }
        else
        {
            definition = new TreeDefinition();
        }

        foreach (var item in items.EnumerateArray())
        {
            if (String(item, "path") is not { Length: > 0 } path || path.StartsWith('/') || path.Split('/').Any(p => p is "" or "." or ".." or ".git"))
            {
                return ValidationFailed("tree.path is invalid");
            }

            if (String(item, "type") != "blob" || ParseMode(String(item, "mode")) is not { } mode)
            {
                return ValidationFailed($"tree entry {path} must be a blob with mode 100644, 100755 or 120000");
            }

            Blob? blob = String(item, "sha") is { } sha ? git.Lookup<Blob>(sha)
                : String(item, "content") is { } content ? git.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(content)))
                : null;
            if (blob is null)
            {
                return ValidationFailed($"tree.sha {String(item, "sha")} is not a valid blob");
            }

            definition.Add(path, blob, mode);
        }

        var tree = git.ObjectDatabase.CreateTree(definition);
        return Created(new JsonObject
        {
            ["sha"] = tree.Sha,
            ["url"] = Api($"repos/{owner}/{repo}/git/trees/{tree.Sha}"),
            ["tree"] = new JsonArray([.. tree.Select(e => (JsonNode)new JsonObject
            {
                ["path"] = e.Name,
                ["mode"] = Convert.ToString((int)e.Mode, 8).PadLeft(6, '0'),
                ["type"] = e.TargetType == TreeEntryTargetType.Tree ? "tree" : "blob",
                ["sha"] = e.Target.Sha,
            })]),
            ["truncated"] = false,
        });
    }

    private FakeResponse HostedCommit(LibGit2Sharp.Repository git, string owner, string repo, JsonElement body)
    {
        if (String(body, "message") is not { } message || String(body, "tree") is not { } treeSha)
        {
            return ValidationFailed("message and tree are required");
        }

        if (git.Lookup<Tree>(treeSha) is not { } tree)
        {
            return ValidationFailed("Tree SHA does not exist");
        }

        var parents = new List<Commit>();
        if (body.TryGetProperty("parents", out var parentShas) && parentShas.ValueKind == JsonValueKind.Array)
        {
            foreach (var parentSha in parentShas.EnumerateArray())
            {
                if (git.Lookup<Commit>(parentSha.GetString() ?? string.Empty) is not { } parent)
                {
                    return ValidationFailed("Parent SHA does not exist or is not a commit object");
                }

                parents.Add(parent);
            }
        }

        // The token's user is the author: GitHub does the same when no author is given.
        var signature = new Signature(UserLogin, $"{UserLogin}@users.noreply.example.invalid", TimeProvider.System.GetUtcNow());
        var commit = git.ObjectDatabase.CreateCommit(signature, signature, message, tree, parents, prettifyMessage: false);
        return Created(CommitJson(owner, repo, commit));
    }

    private JsonObject CommitJson(string owner, string repo, Commit commit)
    {
        JsonObject Person(Signature s) => new() { ["name"] = s.Name, ["email"] = s.Email, ["date"] = s.When.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
        return new JsonObject
        {
            ["sha"] = commit.Sha,
            ["node_id"] = "C_" + commit.Sha[..12],
            ["url"] = Api($"repos/{owner}/{repo}/git/commits/{commit.Sha}"),
            ["html_url"] = Html($"{owner}/{repo}/commit/{commit.Sha}"),
            ["author"] = Person(commit.Author),
            ["committer"] = Person(commit.Committer),
            ["message"] = commit.Message,
            ["tree"] = new JsonObject { ["sha"] = commit.Tree.Sha, ["url"] = Api($"repos/{owner}/{repo}/git/trees/{commit.Tree.Sha}") },
            ["parents"] = new JsonArray([.. commit.Parents.Select(p => (JsonNode)new JsonObject
            {
                ["sha"] = p.Sha,
                ["url"] = Api($"repos/{owner}/{repo}/git/commits/{p.Sha}"),
                ["html_url"] = Html($"{owner}/{repo}/commit/{p.Sha}"),
            })]),
        };
    }

    private FakeResponse HostedCreateRef(LibGit2Sharp.Repository git, string owner, string repo, JsonElement body)
    {
        if (String(body, "ref") is not { } name || !name.StartsWith("refs/", StringComparison.Ordinal) || name.Count(c => c == '/') < 2 || String(body, "sha") is not { } sha)
        {
            return ValidationFailed("Reference name is invalid");
        }

        if (git.Refs[name] is not null)
        {
            return ValidationFailed("Reference already exists");
        }

        if (git.Lookup<Commit>(sha) is not { } commit)
        {
            return ValidationFailed("Object does not exist");
        }

        git.Refs.Add(name, commit.Id);
        return Created(RefJson(owner, repo, name, commit.Sha));
    }

    private FakeResponse HostedUpdateRef(LibGit2Sharp.Repository git, string owner, string repo, string name, JsonElement body)
    {
        if (String(body, "sha") is not { } sha)
        {
            return ValidationFailed("sha is required");
        }

        if (git.Refs[name] is not { } reference)
        {
            return ValidationFailed("Reference does not exist");
        }

        if (git.Lookup<Commit>(sha) is not { } next)
        {
            return ValidationFailed("Object does not exist");
        }

        var force = body.TryGetProperty("force", out var f) && f.ValueKind == JsonValueKind.True;
        var current = git.Lookup<Commit>(reference.ResolveToDirectReference().TargetIdentifier);
        if (!force && git.ObjectDatabase.FindMergeBase(current, next)?.Sha != current.Sha)
        {
            return ValidationFailed("Update is not a fast forward");
        }

        git.Refs.UpdateTarget(reference, next.Id, "api update");
        return FakeResponse.Json(RefJson(owner, repo, name, next.Sha));
    }

    private FakeResponse HostedContents(LibGit2Sharp.Repository git, RepositoryState repository, string owner, string repo, string path, IReadOnlyDictionary<string, string> query)
    {
        var gitRef = query.GetValueOrDefault("ref") ?? repository.DefaultBranch;
        if (git.Lookup<Commit>(gitRef) is not { } commit)
        {
            return NotFound();
        }

        path = path.Trim('/');
        return commit[path]?.Target switch
        {
            Blob blob => FakeResponse.Json(ContentEntry(owner, repo, gitRef, path, blob.GetContentText(), withContent: true)),
            Tree tree => FakeResponse.Json(new JsonArray([.. tree.Select(e => (JsonNode)(e.Target is Blob b
                ? ContentEntry(owner, repo, gitRef, e.Path, b.GetContentText(), withContent: false)
                : DirectoryEntry(owner, repo, gitRef, e.Path)))])),
            _ => NotFound(),
        };
    }

    private FakeResponse CreateHostedPull(LibGit2Sharp.Repository git, RepositoryState repository, string owner, string repo, JsonElement body)
    {
        if (String(body, "title") is not { Length: > 0 } title || String(body, "head") is not { Length: > 0 } head
            || String(body, "base") is not { Length: > 0 } baseRef)
        {
            return ValidationFailed("title, head and base are required");
        }

        head = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        if (git.Branches[head] is not { } headBranch)
        {
            return FieldInvalid("head");
        }

        if (git.Branches[baseRef] is not { } baseBranch)
        {
            return FieldInvalid("base");
        }

        if (headBranch.Tip.Sha == baseBranch.Tip.Sha)
        {
            return ValidationFailed($"No commits between {baseRef} and {head}");
        }

        if (OpenPullFor(repository, owner, head) is not null)
        {
            return ValidationFailed($"A pull request already exists for {owner}:{head}.");
        }

        var number = repository.Issues.Keys.Concat(repository.Pulls.Keys).DefaultIfEmpty(0).Max() + 1;
        var draft = body.TryGetProperty("draft", out var d) && d.ValueKind == JsonValueKind.True;
        var pull = PullJson(owner, repo, number, title, String(body, "body"), head, baseRef, "open", draft);
        pull["head"]!["sha"] = headBranch.Tip.Sha;
        pull["base"]!["sha"] = baseBranch.Tip.Sha;
        repository.Pulls[number] = pull;
        return Created(pull.DeepClone());
    }

    private static FakeResponse HostedPullFiles(LibGit2Sharp.Repository git, RepositoryState repository, string number)
    {
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || !repository.Pulls.TryGetValue(n, out var pull))
        {
            return NotFound();
        }

        if (repository.PullFiles.TryGetValue(n, out var frozen))
        {
            return FakeResponse.Json(new JsonArray([.. frozen.Select(f => f.DeepClone())]));
        }

        var head = git.Branches[pull["head"]!["ref"]!.GetValue<string>()]?.Tip;
        var baseTip = git.Branches[pull["base"]!["ref"]!.GetValue<string>()]?.Tip;
        return head is null || baseTip is null ? FakeResponse.Json(new JsonArray()) : FakeResponse.Json(ComputeFiles(git, baseTip, head));
    }

    private static JsonObject? OpenPullFor(RepositoryState repository, string owner, string head)
    {
        var branch = head.StartsWith(owner + ":", StringComparison.Ordinal) ? head[(owner.Length + 1)..] : head;
        return repository.Pulls.Values.FirstOrDefault(p => p["head"]?["ref"]?.GetValue<string>() == branch && p["state"]?.GetValue<string>() == "open");
    }

    private static FakeResponse ListPulls(RepositoryState repository, string owner, IReadOnlyDictionary<string, string> query)
    {
        var wanted = query.GetValueOrDefault("state") ?? "open";
        var head = query.GetValueOrDefault("head");
        var branch = head is null ? null : head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        var headOwner = head is not null && head.Contains(':', StringComparison.Ordinal) ? head[..head.IndexOf(':', StringComparison.Ordinal)] : owner;
        var pulls = repository.Pulls.OrderByDescending(p => p.Key).Select(p => p.Value)
            .Where(p => wanted == "all" || p["state"]?.GetValue<string>() == wanted)
            .Where(p => branch is null || (p["head"]?["ref"]?.GetValue<string>() == branch && headOwner.Equals(owner, StringComparison.OrdinalIgnoreCase)))
            .Select(p => (JsonNode)p.DeepClone());
        return FakeResponse.Json(new JsonArray([.. pulls]));
    }

    private FakeResponse GetIssue(RepositoryState repository, string owner, string repo, string number)
    {
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return NotFound();
        }

        if (repository.Issues.TryGetValue(n, out var issue))
        {
            return FakeResponse.Json(issue.DeepClone());
        }

        if (!repository.Pulls.TryGetValue(n, out var pull))
        {
            return NotFound();
        }

        // Every pull request is an issue too; who closed it is on the issue side.
        var view = IssueJson(owner, repo, n, pull["title"]!.GetValue<string>(), pull["body"]?.GetValue<string>(), pull["state"]!.GetValue<string>(), []);
        view["pull_request"] = new JsonObject { ["url"] = pull["url"]!.DeepClone(), ["html_url"] = pull["html_url"]!.DeepClone() };
        view["labels"] = pull["labels"]?.DeepClone() ?? new JsonArray();
        view["closed_by"] = pull["closed_by"]?.DeepClone();
        view["closed_at"] = pull["closed_at"]?.DeepClone();
        return FakeResponse.Json(view);
    }

    private static FakeResponse AddLabels(RepositoryState repository, string number, JsonElement body)
    {
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            || (repository.Issues.GetValueOrDefault(n) ?? repository.Pulls.GetValueOrDefault(n)) is not { } target)
        {
            return NotFound();
        }

        // GitHub takes a bare array of names or {"labels": [...]}, names or {"name": ...} objects.
        var list = body.ValueKind == JsonValueKind.Array ? body : body.ValueKind == JsonValueKind.Object && body.TryGetProperty("labels", out var l) ? l : default;
        if (list.ValueKind != JsonValueKind.Array)
        {
            return ValidationFailed("labels must be an array");
        }

        var labels = target["labels"] as JsonArray ?? [];
        foreach (var item in list.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString() : String(item, "name");
            if (string.IsNullOrWhiteSpace(name))
            {
                return ValidationFailed("label names must not be empty");
            }

            if (!labels.Any(x => x?["name"]?.GetValue<string>() == name))
            {
                labels.Add(new JsonObject { ["name"] = name, ["color"] = "ededed" });
            }
        }

        target["labels"] = labels;
        return FakeResponse.Json(labels.DeepClone());
    }

    private FakeResponse RequestReviewers(RepositoryState repository, string number, JsonElement body)
    {
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || !repository.Pulls.TryGetValue(n, out var pull))
        {
            return NotFound();
        }

        string[] Names(string property) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(x => x.GetString() ?? string.Empty)]
            : [];
        var users = Names("reviewers");
        var teams = Names("team_reviewers");
        var author = pull["user"]?["login"]?.GetValue<string>();
        if (users.Any(u => u.Equals(author, StringComparison.OrdinalIgnoreCase)))
        {
            return ValidationFailed("Review cannot be requested from pull request author.");
        }

        pull["requested_reviewers"] = new JsonArray([.. users.Select(u => (JsonNode)UserJson(u))]);
        pull["requested_teams"] = new JsonArray([.. teams.Select(t => (JsonNode)new JsonObject { ["slug"] = t, ["name"] = t })]);
        return Created(pull.DeepClone());
    }

    private static FakeResponse FieldInvalid(string field) => FakeResponse.Json(
        new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["field"] = field, ["code"] = "invalid" }),
            ["documentation_url"] = DocumentationUrl,
            ["status"] = "422",
        },
        StatusCodes.Status422UnprocessableEntity);

    private JsonObject WebhookPayload(string owner, string repo, JsonObject pull, string sender) => new()
    {
        ["action"] = "closed",
        ["number"] = pull["number"]!.DeepClone(),
        ["pull_request"] = pull.DeepClone(),
        ["repository"] = new JsonObject { ["name"] = repo, ["full_name"] = $"{owner}/{repo}", ["owner"] = UserJson(owner), ["html_url"] = Html($"{owner}/{repo}") },
        ["sender"] = UserJson(sender),
    };
}
