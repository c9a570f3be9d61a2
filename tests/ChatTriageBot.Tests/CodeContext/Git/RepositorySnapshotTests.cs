using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class RepositorySnapshotTests : IDisposable
{
    private readonly string _data = TempDirectory.NewFolder();

    public void Dispose() => TempDirectory.DeleteTree(_data);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WorkingTree_AtHead_ListsFilesAndReadsText()
    {
        using var repo = new TestRepository();
        repo.WriteFile("README.md", "# Shop\n").WriteFile("src/Cart/CartService.cs", "class CartService {}\n");
        var sha = repo.Commit();

        using var snapshot = await RepositorySnapshot.OpenAsync(repo.Path, null, _data, cancellationToken: Token);

        Assert.Equal(sha, snapshot.CommitSha);
        Assert.Equal(["README.md", "src/Cart/CartService.cs"], snapshot.Files.Select(f => f.Path));
        Assert.Equal(21, snapshot.Files[1].Size);
        Assert.Equal(40, snapshot.Files[1].BlobId.Length);
        Assert.Equal("class CartService {}\n", snapshot.ReadText("src/Cart/CartService.cs"));
        Assert.Null(snapshot.ReadText("src/Missing.cs"));
        Assert.True(snapshot.Contains("README.md"));
        Assert.Equal(2, snapshot.TextFiles.Count);
        Assert.Empty(snapshot.Skipped);
    }

    [Fact]
    public async Task CommitPrefix_PinsThatCommit()
    {
        using var repo = new TestRepository();
        repo.WriteFile("a.py", "version = 1\n");
        var first = repo.Commit("first");
        repo.WriteFile("a.py", "version = 2\n").WriteFile("b.py", "x = 1\n");
        repo.Commit("second");

        using var snapshot = await RepositorySnapshot.OpenAsync(repo.Path, first[..8], _data, cancellationToken: Token);

        Assert.Equal(first, snapshot.CommitSha);
        Assert.Equal("version = 1\n", snapshot.ReadText("a.py"));
        Assert.False(snapshot.Contains("b.py"));
    }

    [Fact]
    public async Task BareRepository_Opens()
    {
        using var repo = new TestRepository();
        repo.WriteFile("lib/a.rb", "class A; end\n");
        var sha = repo.Commit();
        var bare = repo.CloneBare();
        try
        {
            using var snapshot = await RepositorySnapshot.OpenAsync(bare, null, _data, cancellationToken: Token);

            Assert.Equal(sha, snapshot.CommitSha);
            Assert.Equal("class A; end\n", snapshot.ReadText("lib/a.rb"));
        }
        finally
        {
            TempDirectory.DeleteTree(bare);
        }
    }

    [Fact]
    public async Task FileUrl_IsMirroredThenFetchedOnTheNextOpen_UnlessFetchedJustNow()
    {
        var always = new CodeContextOptions { FetchOnDemandAfterSeconds = 0 };
        using var repo = new TestRepository();
        repo.WriteFile("main.go", "package main\n");
        var first = repo.Commit("first");

        string mirror;
        using (var snapshot = await RepositorySnapshot.OpenAsync(repo.FileUrl, null, _data, cancellationToken: Token))
        {
            Assert.Equal(first, snapshot.CommitSha);
            mirror = snapshot.RepositoryPath;
            Assert.StartsWith(Path.Combine(_data, "mirrors"), mirror, StringComparison.Ordinal);
            Assert.Empty(snapshot.Warnings);
        }

        repo.WriteFile("main.go", "package main\n\nfunc main() {}\n");
        var second = repo.Commit("second");

        // Fetched a moment ago: a burst of triages shares that fetch.
        using (var soon = await RepositorySnapshot.OpenAsync(repo.FileUrl, null, _data, cancellationToken: Token))
        {
            Assert.Equal(first, soon.CommitSha);
        }

        using var again = await RepositorySnapshot.OpenAsync(repo.FileUrl, null, _data, always, cancellationToken: Token);

        Assert.Equal(mirror, again.RepositoryPath);
        Assert.Equal(second, again.CommitSha);
        Assert.Contains("func main", again.ReadText("main.go"), StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(Path.Combine(_data, "mirrors")));
    }

    [Fact]
    public async Task UnknownCommit_ThrowsRepositoryException()
    {
        using var repo = new TestRepository();
        repo.WriteFile("a.txt.md", "a\n");
        repo.Commit();

        var error = await Assert.ThrowsAsync<RepositoryException>(
            () => RepositorySnapshot.OpenAsync(repo.Path, "deadbeefdeadbeef", _data, cancellationToken: Token));

        Assert.Contains("deadbeefdeadbeef", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderThatIsNotARepository_ThrowsRepositoryException()
    {
        var folder = TempDirectory.NewFolder();
        try
        {
            var error = await Assert.ThrowsAsync<RepositoryException>(
                () => RepositorySnapshot.OpenAsync(folder, null, _data, cancellationToken: Token));

            Assert.Contains("not a git repository", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TempDirectory.DeleteTree(folder);
        }
    }

    [Fact]
    public async Task MissingPath_ThrowsRepositoryException()
    {
        var error = await Assert.ThrowsAsync<RepositoryException>(
            () => RepositorySnapshot.OpenAsync(Path.Combine(_data, "nope"), null, _data, cancellationToken: Token));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyRepository_ThrowsRepositoryException()
    {
        using var repo = new TestRepository();

        var error = await Assert.ThrowsAsync<RepositoryException>(
            () => RepositorySnapshot.OpenAsync(repo.Path, null, _data, cancellationToken: Token));

        Assert.Contains("no commits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlThatCannotBeCloned_ThrowsRepositoryExceptionAndLeavesNoMirror()
    {
        var missing = new Uri(Path.Combine(_data, "no-such-repo")).AbsoluteUri;

        var error = await Assert.ThrowsAsync<RepositoryException>(
            () => RepositorySnapshot.OpenAsync(missing, null, _data, cancellationToken: Token));

        Assert.StartsWith("Could not clone", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_data, "mirrors")));
    }

    [Fact]
    public async Task BinaryAndOversizedFiles_AreSkippedAndReported()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/app.js", "console.log('hi');\n")
            .WriteFile("assets/logo.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
            .WriteFile("data/big.json", new string('x', 5000));
        repo.Commit();

        using var snapshot = await RepositorySnapshot.OpenAsync(
            repo.Path, null, _data, new CodeContextOptions { MaxFileBytes = 1000 }, Token);

        Assert.Equal(["src/app.js"], snapshot.TextFiles.Select(t => t.Path));
        Assert.Equal(
            [new SkippedFile("assets/logo.png", 7, SkipReason.Binary), new SkippedFile("data/big.json", 5000, SkipReason.TooLarge)],
            snapshot.Skipped);
        Assert.Null(snapshot.ReadText("assets/logo.png"));
        Assert.Null(snapshot.ReadText("data/big.json"));
        Assert.Equal(3, snapshot.Files.Count);
    }

    [Fact]
    public async Task Utf8ByteOrderMark_IsNotPartOfTheText()
    {
        using var repo = new TestRepository();
        repo.WriteFile("Program.cs", [0xEF, 0xBB, 0xBF, (byte)'x', (byte)'\n']);
        repo.Commit();

        using var snapshot = await RepositorySnapshot.OpenAsync(repo.Path, null, _data, cancellationToken: Token);

        Assert.Equal("x\n", snapshot.TextFiles.Single().Text);
    }

    [Fact]
    public async Task MissingBlob_IsSkippedAsMissingInsteadOfFailing()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/kept.py", "kept = True\n").WriteFile("src/lost.py", "lost = True\n");
        repo.Commit();
        string lostBlob;
        using (var snapshot = await RepositorySnapshot.OpenAsync(repo.Path, null, _data, cancellationToken: Token))
        {
            lostBlob = snapshot.Files.Single(f => f.Path == "src/lost.py").BlobId;
        }

        File.Delete(Path.Combine(repo.Path, ".git", "objects", lostBlob[..2], lostBlob[2..]));

        using var damaged = await RepositorySnapshot.OpenAsync(repo.Path, null, _data, cancellationToken: Token);

        Assert.Equal(["src/kept.py"], damaged.TextFiles.Select(t => t.Path));
        Assert.Equal(SkipReason.Missing, Assert.Single(damaged.Skipped).Reason);
    }

    [Theory]
    [InlineData("https://github.com/acme/shop.git", true)]
    [InlineData("ssh://git@github.com/acme/shop.git", true)]
    [InlineData("file:///srv/repos/shop", true)]
    [InlineData("git@github.com:acme/shop.git", true)]
    [InlineData("/srv/repos/shop", false)]
    [InlineData("relative/shop", false)]
    [InlineData(@"C:\repos\shop", false)]
    public void IsUrl_TellsUrlsFromPaths(string value, bool expected) => Assert.Equal(expected, RepositorySnapshot.IsUrl(value));

    [Fact]
    public void MirrorName_IsReadableSafeAndHidesCredentials()
    {
        var name = RepositorySnapshot.MirrorName("https://x-access-token:ghp_secret@github.com/acme/shop.git");

        Assert.StartsWith("github.com_acme_shop-", name, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", name, StringComparison.Ordinal);
        Assert.NotEqual(name, RepositorySnapshot.MirrorName("https://github.com/acme/shop.git"));
    }
}
