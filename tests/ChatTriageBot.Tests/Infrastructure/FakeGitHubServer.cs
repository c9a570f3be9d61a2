using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// GitHub's REST API under <c>/api/v3/</c>, where Octokit sends every non-github.com request. Give Octokit
/// <see cref="BaseUrl"/> (or <see cref="ApiBaseUrl"/>); both end up at <c>/api/v3/</c>.
/// Seed fixtures with <see cref="AddRepository"/>, <see cref="AddIssue"/>, <see cref="AddIssueComment"/>,
/// <see cref="AddPullRequest"/>, <see cref="AddPullRequestFile"/>, <see cref="AddFile"/> and <see cref="AddBranch"/>;
/// writes (pull requests, issue comments, git blobs/trees/commits/refs) are answered with plausible bodies
/// (<c>html_url</c> included) and recorded (<see cref="Writes"/>).
/// A repository seeded with <c>HostRepository</c> is a real bare git repository instead (FakeGitHubServer.Git.cs): it
/// is served over git's smart HTTP at <c>/{owner}/{repo}.git</c>, and the Git Data API, refs, contents, pull requests
/// and their files read and write real git objects, with GitHub's status codes and error bodies.
/// </summary>
/// <remarks>
/// Unknown routes and unseeded repositories give 404 <c>{"message":"Not Found","documentation_url":…}</c>.
/// Script failures by route relative to <c>/api/v3/</c> (or <see cref="FakeHttpServer.AnyRoute"/>):
/// <see cref="RespondUnauthorized"/> (401 Bad credentials) and <c>RespondRateLimited(route, seconds)</c>
/// (403 with <c>X-RateLimit-Remaining: 0</c> and <c>X-RateLimit-Reset</c>, which Octokit turns into RateLimitExceededException).
/// </remarks>
public sealed partial class FakeGitHubServer : FakeHttpServer
{
    /// <summary>The API root path Octokit uses for GitHub Enterprise-style hosts.</summary>
    public const string ApiPath = "/api/v3/";

    private const string DocumentationUrl = "https://docs.github.com/rest";

    private readonly Lock state = new();
    private readonly Dictionary<string, RepositoryState> repositories = new(StringComparer.OrdinalIgnoreCase);
    private long objectCounter;

    /// <summary><c>http://127.0.0.1:PORT/</c>, a GitHub Enterprise-style base address (Octokit appends <c>api/v3/</c>).</summary>
    public Uri BaseUrl => BaseAddress;

    /// <summary><c>http://127.0.0.1:PORT/api/v3/</c>.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, ApiPath);

    /// <summary>
    /// The token expected as <c>Authorization: token …</c> (or <c>Bearer …</c>); null accepts anonymous calls and any token.
    /// </summary>
    public string? ExpectedToken { get; set; } = "ghp_fake_token";

    /// <summary>The login <c>GET /user</c> returns.</summary>
    public string UserLogin { get; set; } = "chattriagebot";

    /// <summary>Every POST, PATCH, PUT and DELETE received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Writes => [.. Requests.Where(r => r.Method is "POST" or "PATCH" or "PUT" or "DELETE")];

    protected override string RoutePrefix => ApiPath;

    /// <summary>Seeds a repository (other Add* methods seed it implicitly with default branch <c>main</c>).</summary>
    public void AddRepository(string owner, string repo, string defaultBranch = "main", bool isPrivate = false)
    {
        lock (state)
        {
            var repository = Repository(owner, repo);
            repository.DefaultBranch = defaultBranch;
            repository.IsPrivate = isPrivate;
            repository.Refs.TryAdd("refs/heads/" + defaultBranch, FakeSha($"{owner}/{repo}@{defaultBranch}"));
        }
    }

    /// <summary>Seeds a branch pointing at <paramref name="sha"/>.</summary>
    public void AddBranch(string owner, string repo, string branch, string sha)
    {
        lock (state)
        {
            Repository(owner, repo).Refs["refs/heads/" + branch] = sha;
        }
    }

    /// <summary>Seeds an issue for <c>GET /repos/{owner}/{repo}/issues/{number}</c>.</summary>
    public JsonObject AddIssue(string owner, string repo, int number, string title, string? body = null, string state = "open", params string[] labels)
    {
        var issue = IssueJson(owner, repo, number, title, body, state, labels);
        lock (this.state)
        {
            Repository(owner, repo).Issues[number] = issue;
        }

        return issue;
    }

    /// <summary>Seeds a comment for <c>GET /repos/{owner}/{repo}/issues/{number}/comments</c>.</summary>
    public JsonObject AddIssueComment(string owner, string repo, int number, string body, string user = "octocat")
    {
        lock (state)
        {
            return AddComment(Repository(owner, repo), owner, repo, number, body, user);
        }
    }

    /// <summary>Seeds a pull request for <c>GET /repos/{owner}/{repo}/pulls/{number}</c>.</summary>
    public JsonObject AddPullRequest(
        string owner,
        string repo,
        int number,
        string title,
        string? body = null,
        string head = "feature",
        string baseRef = "main",
        string state = "open",
        bool draft = false)
    {
        var pull = PullJson(owner, repo, number, title, body, head, baseRef, state, draft);
        lock (this.state)
        {
            Repository(owner, repo).Pulls[number] = pull;
        }

        return pull;
    }

    /// <summary>Seeds a changed file for <c>GET /repos/{owner}/{repo}/pulls/{number}/files</c>.</summary>
    public JsonObject AddPullRequestFile(
        string owner,
        string repo,
        int number,
        string filename,
        string? patch = null,
        string status = "modified",
        int additions = 1,
        int deletions = 0)
    {
        var sha = FakeSha(filename + patch);
        var file = new JsonObject
        {
            ["sha"] = sha,
            ["filename"] = filename,
            ["status"] = status,
            ["additions"] = additions,
            ["deletions"] = deletions,
            ["changes"] = additions + deletions,
            ["blob_url"] = Html($"{owner}/{repo}/blob/{sha}/{filename}"),
            ["raw_url"] = Html($"{owner}/{repo}/raw/{sha}/{filename}"),
            ["contents_url"] = Api($"repos/{owner}/{repo}/contents/{filename}?ref={sha}"),
            ["patch"] = patch,
        };
        lock (state)
        {
            var files = Repository(owner, repo).PullFiles;
            if (!files.TryGetValue(number, out var list))
            {
                files[number] = list = [];
            }

            list.Add(file);
        }

        return file;
    }

    /// <summary>
    /// Seeds a file for <c>GET /repos/{owner}/{repo}/contents/{path}?ref=</c> at <paramref name="gitRef"/>
    /// (the default branch when null; requests without <c>ref</c> read the default branch too).
    /// </summary>
    public void AddFile(string owner, string repo, string path, string content, string? gitRef = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (state)
        {
            var repository = Repository(owner, repo);
            repository.Files[(gitRef ?? repository.DefaultBranch, path.Trim('/'))] = content;
        }
    }

    /// <summary>Queues 401 <c>Bad credentials</c> for the next requests to <paramref name="route"/> (every route by default).</summary>
    public void RespondUnauthorized(string route = AnyRoute, int times = 1) =>
        RespondWith(route, Error("Bad credentials", StatusCodes.Status401Unauthorized), times);

    protected override FakeResponse RateLimited(int retryAfterSeconds)
    {
        var reset = TimeProvider.System.GetUtcNow().AddSeconds(retryAfterSeconds).ToUnixTimeSeconds();
        return Error("API rate limit exceeded for user ID 1. (FakeGitHubServer, scripted)", StatusCodes.Status403Forbidden)
            .WithHeader("X-RateLimit-Limit", "5000")
            .WithHeader("X-RateLimit-Remaining", "0")
            .WithHeader("X-RateLimit-Used", "5000")
            .WithHeader("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture));
    }

    protected override FakeResponse ServerError() => Error("Server Error", StatusCodes.Status500InternalServerError);

    protected override async ValueTask<FakeResponse> RespondAsync(RecordedRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        if (HostedGitRequest(request) is { } git)
        {
            return await git(cancellationToken);
        }

        var response = Answer(request);
        var reset = TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        return response
            .WithHeader("X-RateLimit-Limit", "5000")
            .WithHeader("X-RateLimit-Remaining", "4999")
            .WithHeader("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture));
    }

    private static FakeResponse Error(string message, int statusCode) =>
        FakeResponse.Json(new JsonObject { ["message"] = message, ["documentation_url"] = DocumentationUrl, ["status"] = statusCode.ToString(CultureInfo.InvariantCulture) }, statusCode);

    private static FakeResponse NotFound() => Error("Not Found", StatusCodes.Status404NotFound);

    private static FakeResponse ValidationFailed(string message) => FakeResponse.Json(
        new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["code"] = "custom" }),
            ["documentation_url"] = DocumentationUrl,
            ["status"] = "422",
        },
        StatusCodes.Status422UnprocessableEntity);

    private static FakeResponse Created(JsonNode body) => FakeResponse.Json(body, StatusCodes.Status201Created);

    private static string FakeSha(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    private static string Base64Lines(string content)
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(content));
        var lines = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 60)
        {
            lines.Append(base64, i, Math.Min(60, base64.Length - i)).Append('\n');
        }

        return lines.ToString();
    }

    private static string? String(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private string Html(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    private string Api(string path) => new Uri(BaseAddress, ApiPath + path).AbsoluteUri;

    private JsonObject UserJson(string login) => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal)) % 1_000_000,
        ["type"] = "User",
        ["site_admin"] = false,
        ["html_url"] = Html(login),
        ["url"] = Api("users/" + login),
    };

    private JsonObject IssueJson(string owner, string repo, int number, string title, string? body, string state, string[] labels) => new()
    {
        ["id"] = number,
        ["number"] = number,
        ["title"] = title,
        ["body"] = body,
        ["state"] = state,
        ["locked"] = false,
        ["comments"] = 0,
        ["user"] = UserJson("octocat"),
        ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject { ["name"] = l, ["color"] = "ededed" })]),
        ["html_url"] = Html($"{owner}/{repo}/issues/{number}"),
        ["url"] = Api($"repos/{owner}/{repo}/issues/{number}"),
        ["created_at"] = "2024-01-01T00:00:00Z",
        ["updated_at"] = "2024-01-01T00:00:00Z",
    };

    private JsonObject PullJson(string owner, string repo, int number, string title, string? body, string head, string baseRef, string state, bool draft) => new()
    {
        ["id"] = number,
        ["number"] = number,
        ["title"] = title,
        ["body"] = body,
        ["state"] = state,
        ["draft"] = draft,
        ["merged"] = false,
        ["user"] = UserJson(UserLogin),
        ["head"] = new JsonObject { ["ref"] = head, ["label"] = $"{owner}:{head}", ["sha"] = FakeSha($"{owner}/{repo}@{head}") },
        ["base"] = new JsonObject { ["ref"] = baseRef, ["label"] = $"{owner}:{baseRef}", ["sha"] = FakeSha($"{owner}/{repo}@{baseRef}") },
        ["html_url"] = Html($"{owner}/{repo}/pull/{number}"),
        ["url"] = Api($"repos/{owner}/{repo}/pulls/{number}"),
        ["created_at"] = "2024-01-01T00:00:00Z",
        ["updated_at"] = "2024-01-01T00:00:00Z",
    };

    private JsonObject RepositoryJson(string owner, string repo, RepositoryState repository) => new()
    {
        ["id"] = Math.Abs($"{owner}/{repo}".GetHashCode(StringComparison.OrdinalIgnoreCase)) % 1_000_000,
        ["name"] = repo,
        ["full_name"] = $"{owner}/{repo}",
        ["owner"] = UserJson(owner),
        ["private"] = repository.IsPrivate,
        ["default_branch"] = repository.DefaultBranch,
        ["html_url"] = Html($"{owner}/{repo}"),
        ["clone_url"] = Html($"{owner}/{repo}.git"),
        ["url"] = Api($"repos/{owner}/{repo}"),
        ["permissions"] = new JsonObject { ["admin"] = false, ["maintain"] = false, ["push"] = repository.CanPush, ["triage"] = true, ["pull"] = true },
    };

    private JsonObject AddComment(RepositoryState repository, string owner, string repo, int number, string body, string user)
    {
        if (!repository.Comments.TryGetValue(number, out var comments))
        {
            repository.Comments[number] = comments = [];
        }

        var id = Interlocked.Increment(ref objectCounter);
        var comment = new JsonObject
        {
            ["id"] = id,
            ["body"] = body,
            ["user"] = UserJson(user),
            ["html_url"] = Html($"{owner}/{repo}/issues/{number}#issuecomment-{id}"),
            ["url"] = Api($"repos/{owner}/{repo}/issues/comments/{id}"),
            ["created_at"] = "2024-01-01T00:00:00Z",
            ["updated_at"] = "2024-01-01T00:00:00Z",
        };
        comments.Add(comment);
        if (repository.Issues.TryGetValue(number, out var issue))
        {
            issue["comments"] = comments.Count;
        }

        return comment;
    }

    private RepositoryState Repository(string owner, string repo)
    {
        var key = $"{owner}/{repo}";
        if (!repositories.TryGetValue(key, out var repository))
        {
            repositories[key] = repository = new RepositoryState();
            repository.Refs["refs/heads/main"] = FakeSha(key + "@main");
        }

        return repository;
    }

    private FakeResponse? CheckToken(RecordedRequest request)
    {
        if (ExpectedToken is null)
        {
            return null;
        }

        var parts = (request.Authorization ?? string.Empty).Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length < 2)
        {
            return Error("Requires authentication", StatusCodes.Status401Unauthorized);
        }

        var schemeOk = parts[0].Equals("token", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("bearer", StringComparison.OrdinalIgnoreCase);
        return schemeOk && parts[1] == ExpectedToken ? null : Error("Bad credentials", StatusCodes.Status401Unauthorized);
    }

    private FakeResponse Answer(RecordedRequest request)
    {
        if (!request.Path.StartsWith(ApiPath, StringComparison.Ordinal))
        {
            return NotFound();
        }

        if (CheckToken(request) is { } unauthorized)
        {
            return unauthorized;
        }

        var segments = request.Path[ApiPath.Length..].Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
            .Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments is ["user"] && request.Method == "GET")
        {
            return FakeResponse.Json(UserJson(UserLogin));
        }

        if (segments is not ["repos", var owner, var repo, .. var rest])
        {
            return NotFound();
        }

        JsonElement body = default;
        if (request.Method is "POST" or "PATCH" or "PUT")
        {
            try
            {
                body = request.JsonBody();
            }
            catch (JsonException)
            {
                return Error("Problems parsing JSON", StatusCodes.Status400BadRequest);
            }
        }

        lock (state)
        {
            if (!repositories.TryGetValue($"{owner}/{repo}", out var repository))
            {
                return NotFound();
            }

            if (repository.GitPath is { } gitPath)
            {
                return AnswerHosted(request, repository, gitPath, owner, repo, rest, body);
            }

            return (request.Method, rest) switch
            {
                ("GET", []) => FakeResponse.Json(RepositoryJson(owner, repo, repository)),
                ("GET", ["issues", var n]) => GetIssue(repository, owner, repo, n),
                ("GET", ["issues", var n, "comments"]) => IssueComments(repository, n),
                ("POST", ["issues", var n, "comments"]) => CreateComment(repository, owner, repo, n, body),
                ("POST", ["issues", var n, "labels"]) => AddLabels(repository, n, body),
                ("GET", ["pulls"]) => ListPulls(repository, owner, request.Query),
                ("GET", ["pulls", var n]) => Find(repository.Pulls, n),
                ("GET", ["pulls", var n, "files"]) => PullFiles(repository, n),
                ("POST", ["pulls"]) => CreatePull(repository, owner, repo, body),
                ("POST", ["pulls", var n, "requested_reviewers"]) => RequestReviewers(repository, n, body),
                ("GET", ["contents", .. var path]) => Contents(repository, owner, repo, string.Join('/', path), request.Query, request.Header("Accept")),
                ("POST", ["git", "blobs"]) => CreateObject(owner, repo, "blobs", body),
                ("POST", ["git", "trees"]) => CreateTree(owner, repo, body),
                ("POST", ["git", "commits"]) => CreateCommit(owner, repo, body),
                ("POST", ["git", "refs"]) => CreateRef(repository, owner, repo, body),
                ("PATCH", ["git", "refs", .. var name]) => UpdateRef(repository, owner, repo, "refs/" + string.Join('/', name), body),
                ("GET", ["git", "ref" or "refs", .. var name]) => GetRef(repository, owner, repo, "refs/" + string.Join('/', name)),
                _ => NotFound(),
            };
        }
    }

    private static FakeResponse Find(Dictionary<int, JsonObject> items, string number) =>
        int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && items.TryGetValue(n, out var item)
            ? FakeResponse.Json(item.DeepClone())
            : NotFound();

    private static FakeResponse IssueComments(RepositoryState repository, string number)
    {
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return NotFound();
        }

        if (!repository.Issues.ContainsKey(n) && !repository.Pulls.ContainsKey(n))
        {
            return NotFound();
        }

        return FakeResponse.Json(new JsonArray([.. repository.Comments.GetValueOrDefault(n, []).Select(c => c.DeepClone())]));
    }

    private static FakeResponse PullFiles(RepositoryState repository, string number) =>
        int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && repository.Pulls.ContainsKey(n)
            ? FakeResponse.Json(new JsonArray([.. repository.PullFiles.GetValueOrDefault(n, []).Select(f => f.DeepClone())]))
            : NotFound();

    private FakeResponse CreateComment(RepositoryState repository, string owner, string repo, string number, JsonElement body)
    {
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            || (!repository.Issues.ContainsKey(n) && !repository.Pulls.ContainsKey(n)))
        {
            return NotFound();
        }

        return String(body, "body") is { Length: > 0 } text
            ? Created(AddComment(repository, owner, repo, n, text, UserLogin).DeepClone())
            : ValidationFailed("body is missing");
    }

    private FakeResponse CreatePull(RepositoryState repository, string owner, string repo, JsonElement body)
    {
        if (String(body, "title") is not { Length: > 0 } title || String(body, "head") is not { Length: > 0 } head
            || String(body, "base") is not { Length: > 0 } baseRef)
        {
            return ValidationFailed("title, head and base are required");
        }

        if (OpenPullFor(repository, owner, head) is not null)
        {
            return ValidationFailed($"A pull request already exists for {owner}:{head}.");
        }

        var number = repository.Issues.Keys.Concat(repository.Pulls.Keys).DefaultIfEmpty(0).Max() + 1;
        var draft = body.TryGetProperty("draft", out var d) && d.ValueKind == JsonValueKind.True;
        var pull = PullJson(owner, repo, number, title, String(body, "body"), head, baseRef, "open", draft);
        repository.Pulls[number] = pull;
        return Created(pull.DeepClone());
    }

    private FakeResponse Contents(RepositoryState repository, string owner, string repo, string path, IReadOnlyDictionary<string, string> query, string? accept)
    {
        var gitRef = query.GetValueOrDefault("ref") ?? repository.DefaultBranch;
        path = path.Trim('/');
        if (repository.Files.TryGetValue((gitRef, path), out var content))
        {
            if (accept?.Contains(".raw", StringComparison.OrdinalIgnoreCase) == true)
            {
                // Octokit reads raw bytes only for application/octet-stream (packages.md section 4).
                return FakeResponse.Bytes(Encoding.UTF8.GetBytes(content), "application/octet-stream");
            }

            return FakeResponse.Json(ContentEntry(owner, repo, gitRef, path, content, withContent: true));
        }

        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var children = repository.Files
            .Where(f => f.Key.Ref == gitRef && f.Key.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => (Remainder: f.Key.Path[prefix.Length..], f.Value))
            .GroupBy(f => f.Remainder.Split('/')[0], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Any(f => f.Remainder == g.Key)
                ? ContentEntry(owner, repo, gitRef, prefix + g.Key, g.First(f => f.Remainder == g.Key).Value, withContent: false)
                : DirectoryEntry(owner, repo, gitRef, prefix + g.Key))
            .ToList();
        return children.Count == 0 ? NotFound() : FakeResponse.Json(new JsonArray([.. children]));
    }

    private JsonObject ContentEntry(string owner, string repo, string gitRef, string path, string content, bool withContent)
    {
        var sha = FakeSha("blob " + content);
        var entry = new JsonObject
        {
            ["type"] = "file",
            ["name"] = path.Split('/')[^1],
            ["path"] = path,
            ["sha"] = sha,
            ["size"] = Encoding.UTF8.GetByteCount(content),
            ["url"] = Api($"repos/{owner}/{repo}/contents/{path}?ref={gitRef}"),
            ["html_url"] = Html($"{owner}/{repo}/blob/{gitRef}/{path}"),
            ["git_url"] = Api($"repos/{owner}/{repo}/git/blobs/{sha}"),
            ["download_url"] = Html($"raw/{owner}/{repo}/{gitRef}/{path}"),
        };
        if (withContent)
        {
            entry["encoding"] = "base64";
            entry["content"] = Base64Lines(content);
        }

        return entry;
    }

    private JsonObject DirectoryEntry(string owner, string repo, string gitRef, string path) => new()
    {
        ["type"] = "dir",
        ["name"] = path.Split('/')[^1],
        ["path"] = path,
        ["sha"] = FakeSha("tree " + path),
        ["size"] = 0,
        ["url"] = Api($"repos/{owner}/{repo}/contents/{path}?ref={gitRef}"),
        ["html_url"] = Html($"{owner}/{repo}/tree/{gitRef}/{path}"),
        ["git_url"] = Api($"repos/{owner}/{repo}/git/trees/{FakeSha("tree " + path)}"),
        ["download_url"] = null,
    };

    private string NextSha(JsonElement body) =>
        FakeSha($"{Interlocked.Increment(ref objectCounter).ToString(CultureInfo.InvariantCulture)}:{body.GetRawText()}");

    private FakeResponse CreateObject(string owner, string repo, string kind, JsonElement body)
    {
        var sha = NextSha(body);
        return Created(new JsonObject { ["sha"] = sha, ["url"] = Api($"repos/{owner}/{repo}/git/{kind}/{sha}") });
    }

    private FakeResponse CreateTree(string owner, string repo, JsonElement body)
    {
        if (!body.TryGetProperty("tree", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return ValidationFailed("tree is missing");
        }

        var sha = NextSha(body);
        var tree = new JsonArray();
        foreach (var item in items.EnumerateArray())
        {
            var node = JsonNode.Parse(item.GetRawText())!.AsObject();
            node["sha"] ??= FakeSha("blob " + String(item, "content"));
            tree.Add(node);
        }

        return Created(new JsonObject { ["sha"] = sha, ["url"] = Api($"repos/{owner}/{repo}/git/trees/{sha}"), ["tree"] = tree, ["truncated"] = false });
    }

    private FakeResponse CreateCommit(string owner, string repo, JsonElement body)
    {
        if (String(body, "message") is not { } message || String(body, "tree") is not { } treeSha)
        {
            return ValidationFailed("message and tree are required");
        }

        var sha = NextSha(body);
        var parents = new JsonArray();
        if (body.TryGetProperty("parents", out var parentShas) && parentShas.ValueKind == JsonValueKind.Array)
        {
            foreach (var parent in parentShas.EnumerateArray())
            {
                parents.Add(new JsonObject
                {
                    ["sha"] = parent.GetString(),
                    ["url"] = Api($"repos/{owner}/{repo}/git/commits/{parent.GetString()}"),
                    ["html_url"] = Html($"{owner}/{repo}/commit/{parent.GetString()}"),
                });
            }
        }

        var person = new JsonObject { ["name"] = UserLogin, ["email"] = $"{UserLogin}@example.invalid", ["date"] = "2024-01-01T00:00:00Z" };
        return Created(new JsonObject
        {
            ["sha"] = sha,
            ["url"] = Api($"repos/{owner}/{repo}/git/commits/{sha}"),
            ["html_url"] = Html($"{owner}/{repo}/commit/{sha}"),
            ["message"] = message,
            ["tree"] = new JsonObject { ["sha"] = treeSha, ["url"] = Api($"repos/{owner}/{repo}/git/trees/{treeSha}") },
            ["parents"] = parents,
            ["author"] = person,
            ["committer"] = person.DeepClone(),
        });
    }

    private JsonObject RefJson(string owner, string repo, string name, string sha) => new()
    {
        ["ref"] = name,
        ["node_id"] = "REF_" + FakeSha(name)[..12],
        ["url"] = Api($"repos/{owner}/{repo}/git/{name}"),
        ["object"] = new JsonObject { ["type"] = "commit", ["sha"] = sha, ["url"] = Api($"repos/{owner}/{repo}/git/commits/{sha}") },
    };

    private FakeResponse CreateRef(RepositoryState repository, string owner, string repo, JsonElement body)
    {
        if (String(body, "ref") is not { } name || !name.StartsWith("refs/", StringComparison.Ordinal) || String(body, "sha") is not { } sha)
        {
            return ValidationFailed("ref (refs/...) and sha are required");
        }

        if (!repository.Refs.TryAdd(name, sha))
        {
            return ValidationFailed("Reference already exists");
        }

        return Created(RefJson(owner, repo, name, sha));
    }

    private FakeResponse UpdateRef(RepositoryState repository, string owner, string repo, string name, JsonElement body)
    {
        if (String(body, "sha") is not { } sha)
        {
            return ValidationFailed("sha is required");
        }

        if (!repository.Refs.ContainsKey(name))
        {
            return ValidationFailed("Reference does not exist");
        }

        repository.Refs[name] = sha;
        return FakeResponse.Json(RefJson(owner, repo, name, sha));
    }

    private FakeResponse GetRef(RepositoryState repository, string owner, string repo, string name) =>
        repository.Refs.TryGetValue(name, out var sha) ? FakeResponse.Json(RefJson(owner, repo, name, sha)) : NotFound();

    private sealed class RepositoryState
    {
        public string DefaultBranch { get; set; } = "main";

        public bool IsPrivate { get; set; }

        /// <summary>What <c>permissions.push</c> says about the token (true unless a test says otherwise).</summary>
        public bool CanPush { get; set; } = true;

        /// <summary>The bare git repository of a hosted repository; null for one seeded from fixtures only.</summary>
        public string? GitPath { get; set; }

        public Dictionary<int, JsonObject> Issues { get; } = [];

        public Dictionary<int, List<JsonObject>> Comments { get; } = [];

        public Dictionary<int, JsonObject> Pulls { get; } = [];

        public Dictionary<int, List<JsonObject>> PullFiles { get; } = [];

        public Dictionary<(string Ref, string Path), string> Files { get; } = [];

        public Dictionary<string, string> Refs { get; } = new(StringComparer.Ordinal);
    }
}
