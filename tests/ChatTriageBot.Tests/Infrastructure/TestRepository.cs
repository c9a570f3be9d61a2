using LibGit2Sharp;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// A real git repository with a working tree in a temp folder (LibGit2Sharp <c>Repository.Init</c>), on branch
/// <c>main</c> unless told otherwise. Write files, commit, read back with <see cref="Repository"/>; dispose deletes it.
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

    /// <summary>The open LibGit2Sharp repository, for reading what the code under test did.</summary>
    public Repository Repository { get; }

    /// <summary>Sha of HEAD, or null before the first commit.</summary>
    public string? HeadSha => Repository.Head.Tip?.Sha;

    /// <summary>The author and committer of <see cref="Commit"/>; each commit is one minute after the previous one (from 2024-01-01).</summary>
    public string AuthorName { get; set; } = "Test Author";

    public string AuthorEmail { get; set; } = "test@example.invalid";

    /// <summary>Writes (or overwrites) a file in the working tree and stages it; folders are created.</summary>
    public void WriteFile(string relativePath, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        var fullPath = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, content);
        Commands.Stage(Repository, relativePath);
    }

    /// <summary>Deletes a file from the working tree and stages the removal.</summary>
    public void DeleteFile(string relativePath)
    {
        File.Delete(System.IO.Path.Combine(Path, relativePath));
        Commands.Stage(Repository, relativePath);
    }

    /// <summary>Commits what is staged (empty commits allowed); returns the commit sha.</summary>
    public string Commit(string message)
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
