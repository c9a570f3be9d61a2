using LibGit2Sharp;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// A real git repository with a working tree in a temp folder (LibGit2Sharp <c>Repository.Init</c>), on branch
/// <c>main</c> unless told otherwise. Write files (each write is staged), commit, read back with
/// <see cref="Repository"/>; dispose deletes it. Writes return the repository, so a commit can be one expression:
/// <c>repo.WriteFile("a.py", "a = 1\n").WriteFile("b.py", "b = 1\n").Commit("start")</c>.
/// </summary>
public sealed class TestRepository : IDisposable, IAsyncDisposable
{
    private static readonly DateTimeOffset FirstCommitTime = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory root = new("repo");
    private int commits;

    public TestRepository(string initialBranch = "main")
    {
        Path = root.Combine("work");
        Repository.Init(Path);
        Repository = new Repository(Path);
        Repository.Refs.UpdateTarget("HEAD", "refs/heads/" + initialBranch);
    }

    /// <summary>The working tree folder.</summary>
    public string Path { get; }

    /// <summary>The repository as a <c>file://</c> URL (cloned as a mirror, as a remote repository would be).</summary>
    public string FileUrl => new Uri(Path).AbsoluteUri;

    /// <summary>The open LibGit2Sharp repository, for reading what the code under test did.</summary>
    public Repository Repository { get; }

    /// <summary>Sha of HEAD, or null before the first commit.</summary>
    public string? HeadSha => Repository.Head.Tip?.Sha;

    /// <summary>The author and committer of <see cref="Commit"/>; each commit is one minute after the previous one (from 2024-01-01).</summary>
    public string AuthorName { get; set; } = "Test Author";

    public string AuthorEmail { get; set; } = "test@example.invalid";

    /// <summary>Writes (or overwrites) a text file (UTF-8, no byte-order mark) in the working tree and stages it; folders are created.</summary>
    public TestRepository WriteFile(string relativePath, string content) =>
        WriteFile(relativePath, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));

    /// <summary>Writes (or overwrites) a file with exactly these bytes and stages it; folders are created.</summary>
    public TestRepository WriteFile(string relativePath, byte[] content)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        var fullPath = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        File.WriteAllBytes(fullPath, content);
        Commands.Stage(Repository, relativePath);
        return this;
    }

    /// <summary>Deletes a file from the working tree and stages the removal.</summary>
    public TestRepository DeleteFile(string relativePath)
    {
        File.Delete(System.IO.Path.Combine(Path, relativePath));
        Commands.Stage(Repository, relativePath);
        return this;
    }

    /// <summary>Commits what is staged (empty commits allowed); returns the commit sha.</summary>
    public string Commit(string message = "change")
    {
        var signature = new Signature(AuthorName, AuthorEmail, FirstCommitTime.AddMinutes(commits++));
        return Repository.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>Creates a branch at HEAD (or at <paramref name="sha"/>) without checking it out.</summary>
    public void CreateBranch(string name, string? sha = null) =>
        Repository.CreateBranch(name, sha is null ? Repository.Head.Tip : Repository.Lookup<Commit>(sha));

    /// <summary>A bare clone of this repository inside the same temp folder (deleted with it); returns its path.</summary>
    public string CloneBare(string name = "clone.git")
    {
        var target = root.Combine(name);
        return Repository.Clone(Path, target, new CloneOptions { IsBare = true }).TrimEnd('/');
    }

    public void Dispose()
    {
        Repository.Dispose();
        root.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
