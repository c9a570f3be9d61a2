using LibGit2Sharp;

namespace ChatTriageBot.Tests.Infrastructure;

public sealed class TestRepositoryTests
{
    [Fact]
    public void Commit_AfterWriteFile_IsReadableByLibGit2Sharp()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/Billing/Invoice.cs", "class Invoice {}\n");

        var sha = repo.Commit("Add invoice");

        using var reopened = new Repository(repo.Path);
        var commit = reopened.Lookup<Commit>(sha);
        Assert.Equal("Add invoice\n", commit.Message);
        Assert.Equal("class Invoice {}\n", ((Blob)commit["src/Billing/Invoice.cs"].Target).GetContentText());
        Assert.Equal("main", reopened.Head.FriendlyName);
        Assert.Equal(sha, repo.HeadSha);
    }

    [Fact]
    public void Commit_Twice_ChainsParentsWithDistinctTimes()
    {
        using var repo = new TestRepository();
        repo.WriteFile("a.txt", "1");
        var first = repo.Commit("one");
        repo.WriteFile("a.txt", "2");

        var second = repo.Commit("two");

        var commit = repo.Repository.Lookup<Commit>(second);
        Assert.Equal(first, Assert.Single(commit.Parents).Sha);
        Assert.True(commit.Author.When > commit.Parents.Single().Author.When);
    }

    [Fact]
    public void CloneBare_AfterCommit_HasTheCommit()
    {
        using var repo = new TestRepository();
        repo.WriteFile("README.md", "# hi");
        var sha = repo.Commit("init");

        var clonePath = repo.CloneBare();

        using var clone = new Repository(clonePath);
        Assert.True(clone.Info.IsBare);
        Assert.Equal(sha, clone.Branches["main"].Tip.Sha);
    }

    [Fact]
    public void Dispose_WithReadOnlyGitObjects_DeletesTheFolder()
    {
        var repo = new TestRepository();
        repo.WriteFile("a.txt", "x");
        repo.Commit("x");
        repo.CloneBare();
        var path = repo.Path;

        repo.Dispose();

        Assert.False(Directory.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void TempDirectory_Dispose_DeletesReadOnlyFiles()
    {
        var temp = new TempDirectory();
        var file = temp.Combine("locked.txt");
        File.WriteAllText(file, "x");
        File.SetAttributes(file, FileAttributes.ReadOnly);

        temp.Dispose();

        Assert.False(Directory.Exists(temp.Path));
    }
}
