using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class ChangeHistoryTests
{
    [Fact]
    public async Task Read_CountsChangesAndPairs_UpToThePinnedCommitOnly()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/parser.py", "a = 1\n").WriteFile("src/lexer.py", "b = 1\n").WriteFile("README.md", "hi\n").Commit("start");
        repo.WriteFile("src/parser.py", "a = 2\n").WriteFile("src/lexer.py", "b = 2\n").Commit("parser and lexer");
        repo.WriteFile("src/parser.py", "a = 3\n").WriteFile("src/lexer.py", "b = 3\n").Commit("again");
        var pinned = repo.WriteFile("src/parser.py", "a = 4\n").Commit("parser alone");
        repo.WriteFile("src/parser.py", "a = 5\n").WriteFile("README.md", "later\n").Commit("after the pinned commit");
        var gitDirectory = Path.Combine(repo.Path, ".git");

        var history = await ChangeHistory.ReadAsync(gitDirectory, pinned, TestContext.Current.CancellationToken);

        Assert.Equal(4, history.Commits);
        Assert.Equal(4, history.Changes("src/parser.py"));
        Assert.Equal(3, history.Changes("src/lexer.py"));
        Assert.Equal(1, history.Changes("README.md"));

        // lexer.py changed with parser.py in all 3 of its changes; parser.py with lexer.py in 3 of its 4.
        var withLexer = Assert.Single(history.ChangedWith("src/lexer.py"));
        Assert.Equal(("src/parser.py", 1.0), withLexer);
        Assert.Equal(0.75, history.ChangedWith("src/parser.py").Single(p => p.Path == "src/lexer.py").Confidence);

        // README.md changed with the others once (the first commit): below the minimum of two.
        Assert.DoesNotContain(history.ChangedWith("src/parser.py"), p => p.Path == "README.md");
    }

    [Fact]
    public void Parse_LeavesMassChangesOutOfThePairs()
    {
        var files = Enumerable.Range(1, ChangeHistory.MaxFilesPerCommit + 1).Select(i => $"src/f{i}.py").ToList();
        var log = "\u001e\n\n" + string.Join('\n', files) + "\n" + "\u001e\n\nsrc/f1.py\nsrc/f2.py\n" + "\u001e\n\nsrc/f1.py\nsrc/f2.py\n";

        var history = ChangeHistory.Parse(new StringReader(log));

        Assert.Equal(3, history.Commits);
        Assert.Equal(3, history.Changes("src/f1.py"));
        Assert.Equal(1, history.Changes("src/f3.py"));
        var pair = Assert.Single(history.ChangedWith("src/f1.py"));
        Assert.Equal("src/f2.py", pair.Path);
        Assert.Equal(2.0 / 3, pair.Confidence, precision: 6);
    }

    [Fact]
    public async Task SimilarChanges_FindThePastCommitWhoseSubjectReadsLikeTheText_WithTheFilesItChanged()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/money.py", "a = 1\n").WriteFile("src/dates.py", "b = 1\n").Commit("start");
        repo.WriteFile("src/money.py", "a = 2\n").Commit("Round currency amounts half-even when converting");
        repo.WriteFile("src/dates.py", "b = 2\n").Commit("Parse ISO week dates");
        var pinned = repo.WriteFile("src/dates.py", "b = 3\n").Commit("Accept lower-case timezone names");
        repo.WriteFile("src/money.py", "a = 3\n").Commit("Currency conversion rounds the wrong way again");

        var history = await ChangeHistory.ReadAsync(Path.Combine(repo.Path, ".git"), pinned, TestContext.Current.CancellationToken);
        var similar = history.SimilarChanges(["currency", "conversion", "rounding"], [1.0, 1.0, 1.0], top: 5);

        var (change, score) = similar[0];
        Assert.Equal("Round currency amounts half-even when converting", change.Subject);
        Assert.Equal(["src/money.py"], change.Files);
        Assert.True(score > 0);

        // The commit after the pinned one is not known, and no subject without a shared word is offered.
        Assert.Single(similar);
    }

    [Fact]
    public void SimilarChanges_LeaveOutSweepingCommits()
    {
        var files = Enumerable.Range(1, ChangeHistory.MaxFilesPerCommit + 1).Select(i => $"src/f{i}.py").ToList();
        var log = "\u001eReformat every parser module\n\n" + string.Join('\n', files) + "\n\u001eFix the parser of dates\n\nsrc/dates.py\n";

        var history = ChangeHistory.Parse(new StringReader(log));

        var found = Assert.Single(history.SimilarChanges(["parser"], [1.0], top: 5));
        Assert.Equal(["src/dates.py"], found.Change.Files);
    }

    [Fact]
    public async Task Read_AnUnknownCommit_KnowsNothing_InsteadOfFailing()
    {
        using var repo = new TestRepository();
        repo.WriteFile("a.py", "a = 1\n").Commit();

        var history = await ChangeHistory.ReadAsync(Path.Combine(repo.Path, ".git"), new string('0', 40), TestContext.Current.CancellationToken);

        Assert.Equal(0, history.Commits);
        Assert.Empty(history.ChangedWith("a.py"));
    }
}
