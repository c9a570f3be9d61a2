using System.Globalization;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class ContextPackerTests : IDisposable
{
    private const int LargeBudget = 100_000;
    private const string Referenced = "referenced in the request";
    private const string BinaryOrMissing = "binary, too large or missing at this commit";

    private static readonly Func<string, int> Count = new TokenCounter("gpt-4.1-mini").Count;

    private readonly TestRepository _repo = new();
    private readonly TempDirectory _data = new("packer-data");

    public void Dispose()
    {
        _repo.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Pack_HintWithAbsoluteBuildPath_PacksTheReferencedLinesFirstWithTwelveLinesAround()
    {
        WriteNumberedFile("src/app/Cart.cs", 100);
        WriteNumberedFile("src/app/Other.cs", 100);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/app/Other.cs", new LineRange(10, 20)) };
        var hints = new[] { new PathHint("/home/ci/src/app/Cart.cs", LineRange.At(50), PathHintSource.StackFrame) };

        var packed = ContextPacker.Pack(snapshot, ranked, hints, Count, LargeBudget);

        Assert.Equal(2, packed.Sections.Count);
        var first = packed.Sections[0];
        Assert.Equal(("src/app/Cart.cs", 38, 62, Referenced), (first.Path, first.StartLine, first.EndLine, first.Reason));
        Assert.Equal(("src/app/Other.cs", 7, 23, "ranked #1"), (packed.Sections[1].Path, packed.Sections[1].StartLine, packed.Sections[1].EndLine, packed.Sections[1].Reason));
        Assert.Equal(snapshot.CommitSha, packed.Commit);
        Assert.Empty(packed.LeftOut);
    }

    [Fact]
    public async Task Pack_HintNearTheStartOfAFile_StartsAtLineOne()
    {
        WriteNumberedFile("src/Cart.cs", 40);
        using var snapshot = await CommitAndOpenAsync();
        var hints = new[] { new PathHint("src/Cart.cs", new LineRange(3, 4), PathHintSource.FilePath) };

        var packed = ContextPacker.Pack(snapshot, [], hints, Count, LargeBudget);

        var section = Assert.Single(packed.Sections);
        Assert.Equal((1, 16), (section.StartLine, section.EndLine));
    }

    [Fact]
    public async Task Pack_HintWithoutLines_AddsNoSection()
    {
        WriteNumberedFile("src/Cart.cs", 40);
        using var snapshot = await CommitAndOpenAsync();
        var hints = new[] { new PathHint("src/Cart.cs", null, PathHintSource.FilePath) };

        var packed = ContextPacker.Pack(snapshot, [], hints, Count, LargeBudget);

        Assert.Empty(packed.Sections);
    }

    [Fact]
    public async Task Pack_RankedWindows_FollowRankOrderNotPathOrder()
    {
        WriteNumberedFile("src/A.cs", 100);
        WriteNumberedFile("src/B.cs", 100);
        WriteNumberedFile("src/C.cs", 100);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[]
        {
            Ranked("src/C.cs", new LineRange(60, 70)),
            Ranked("src/A.cs", new LineRange(10, 20)),
            Ranked("src/B.cs", new LineRange(30, 40)),
        };

        var packed = ContextPacker.Pack(snapshot, ranked, [], Count, LargeBudget);

        Assert.Equal(["src/C.cs", "src/A.cs", "src/B.cs"], packed.Sections.Select(s => s.Path));
        Assert.Equal(["ranked #1", "ranked #2", "ranked #3"], packed.Sections.Select(s => s.Reason));
        Assert.Equal([(57, 73), (7, 23), (27, 43)], packed.Sections.Select(s => (s.StartLine, s.EndLine)));
    }

    [Fact]
    public async Task Pack_OverlappingWindowsOfOneFile_MergeIntoOneSection()
    {
        WriteNumberedFile("src/Cart.cs", 100);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/Cart.cs", new LineRange(10, 20), new LineRange(18, 30), new LineRange(80, 85)) };

        var packed = ContextPacker.Pack(snapshot, ranked, [], Count, LargeBudget);

        Assert.Equal([(7, 33), (77, 88)], packed.Sections.Select(s => (s.StartLine, s.EndLine)));
        Assert.All(packed.Sections, s => Assert.Equal("src/Cart.cs", s.Path));
    }

    [Fact]
    public async Task Pack_HintOverlappingARankedWindow_MergesAndKeepsTheReferencedReason()
    {
        WriteNumberedFile("src/Cart.cs", 100);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/Cart.cs", new LineRange(20, 40)) };
        var hints = new[] { new PathHint("src/Cart.cs", LineRange.At(15), PathHintSource.GitHubLink) };

        var packed = ContextPacker.Pack(snapshot, ranked, hints, Count, LargeBudget);

        var section = Assert.Single(packed.Sections);
        Assert.Equal((3, 43, Referenced), (section.StartLine, section.EndLine, section.Reason));
    }

    [Fact]
    public async Task Pack_WindowPastTheEndOfAFile_StopsAtTheLastLine()
    {
        WriteNumberedFile("src/Short.cs", 10);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/Short.cs", new LineRange(5, 40)) };

        var packed = ContextPacker.Pack(snapshot, ranked, [], Count, LargeBudget);

        var section = Assert.Single(packed.Sections);
        Assert.Equal(2, section.StartLine);
        Assert.Contains("Short line 10", section.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 11", section.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_SectionTextAndTokens_AreTheFileLinesAndTheirRealTokenCount()
    {
        _repo.WriteFile("src/Cart.cs", string.Join("\r\n", Enumerable.Range(1, 60).Select(i => $"    var total{i} = price * quantity; // Grüße {i}")) + "\r\n");
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/Cart.cs", new LineRange(20, 30)) };

        var packed = ContextPacker.Pack(snapshot, ranked, [], Count, LargeBudget);

        var section = Assert.Single(packed.Sections);
        Assert.Equal(FileLines("src/Cart.cs", section.StartLine, section.EndLine), section.Text);
        Assert.StartsWith("    var total17 = price", section.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', section.Text);
        Assert.Equal(Count(section.Text), section.Tokens);
        Assert.Equal(section.Tokens, packed.TotalTokens);
    }

    [Fact]
    public async Task Pack_SectionThatDoesNotFitWhole_IsCutAtALineBoundaryAndTheRestIsLeftOut()
    {
        WriteNumberedFile("src/Cart.cs", 200);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/Cart.cs", new LineRange(20, 120)) };
        var whole = Count(FileLines("src/Cart.cs", 17, 123));
        var budget = whole / 2;

        var packed = ContextPacker.Pack(snapshot, ranked, [], Count, budget);

        var section = Assert.Single(packed.Sections);
        Assert.Equal(17, section.StartLine);
        Assert.InRange(section.EndLine, 18, 122);
        Assert.Equal(FileLines("src/Cart.cs", 17, section.EndLine), section.Text);
        Assert.True(section.Tokens <= budget, $"{section.Tokens} tokens packed into a budget of {budget}");
        Assert.True(Count(FileLines("src/Cart.cs", 17, section.EndLine + 1)) > budget, "one more line would still have fitted");
        var leftOut = Assert.Single(packed.LeftOut);
        Assert.Equal(new LeftOutFile("src/Cart.cs", $"lines {section.EndLine + 1}-123: cut to fit the token budget"), leftOut);
    }

    [Fact]
    public async Task Pack_BudgetUsedUp_LaterWindowsAreLeftOutWithTheirLines()
    {
        WriteNumberedFile("src/A.cs", 200);
        WriteNumberedFile("src/B.cs", 200);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/A.cs", new LineRange(10, 50)), Ranked("src/B.cs", new LineRange(100, 140)) };
        var budget = Count(FileLines("src/A.cs", 7, 53)) + 20;

        var packed = ContextPacker.Pack(snapshot, ranked, [], Count, budget);

        var section = Assert.Single(packed.Sections);
        Assert.Equal(("src/A.cs", 7, 53), (section.Path, section.StartLine, section.EndLine));
        var leftOut = Assert.Single(packed.LeftOut);
        Assert.Equal("src/B.cs", leftOut.Path);
        Assert.StartsWith("lines 97-143:", leftOut.Reason, StringComparison.Ordinal);
        Assert.True(packed.TotalTokens <= budget);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(49)]
    [InlineData(60)]
    [InlineData(150)]
    [InlineData(400)]
    [InlineData(1_000)]
    [InlineData(3_000)]
    public async Task Pack_AnyBudget_IsNeverExceededAndEveryWantedFileIsSentOrListed(int budget)
    {
        WriteNumberedFile("src/app/Cart.cs", 300);
        WriteNumberedFile("src/app/Checkout.cs", 300);
        WriteNumberedFile("src/app/Prices.cs", 300);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[]
        {
            Ranked("src/app/Checkout.cs", new LineRange(100, 140), new LineRange(200, 240)),
            Ranked("src/app/Prices.cs", new LineRange(1, 40)),
        };
        var hints = new[] { new PathHint("/home/ci/src/app/Cart.cs", LineRange.At(150), PathHintSource.StackFrame) };

        var packed = ContextPacker.Pack(snapshot, ranked, hints, Count, budget);

        Assert.True(packed.TotalTokens <= budget, $"{packed.TotalTokens} tokens packed into a budget of {budget}");
        Assert.Equal(budget, packed.Budget);
        Assert.Equal(packed.Sections.Sum(s => s.Tokens), packed.TotalTokens);
        foreach (var section in packed.Sections)
        {
            Assert.Equal(FileLines(section.Path, section.StartLine, section.EndLine), section.Text);
            Assert.Equal(Count(section.Text), section.Tokens);
        }

        foreach (var path in new[] { "src/app/Cart.cs", "src/app/Checkout.cs", "src/app/Prices.cs" })
        {
            Assert.True(
                packed.Sections.Any(s => s.Path == path) || packed.LeftOut.Any(l => l.Path == path),
                $"{path} is neither packed nor listed as left out");
        }
    }

    [Fact]
    public async Task Pack_TightBudget_SpendsItOnTheReferencedLinesBeforeARankedWindowOfTheSameFile()
    {
        WriteNumberedFile("src/Cart.cs", 300);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/Cart.cs", new LineRange(10, 40)) };
        var hints = new[] { new PathHint("src/Cart.cs", LineRange.At(200), PathHintSource.StackFrame) };
        var budget = Count(FileLines("src/Cart.cs", 188, 212)) + 10;

        var packed = ContextPacker.Pack(snapshot, ranked, hints, Count, budget);

        var section = Assert.Single(packed.Sections);
        Assert.Equal((188, 212, Referenced), (section.StartLine, section.EndLine, section.Reason));
        Assert.Equal(new LeftOutFile("src/Cart.cs", $"lines 7-43: token budget of {budget} used up"), Assert.Single(packed.LeftOut));
    }

    [Fact]
    public async Task Pack_TightBudget_SpendsItOnTheTopRankedFileBeforeAWindowOfAReferencedFile()
    {
        WriteNumberedFile("src/Cart.cs", 300);
        WriteNumberedFile("src/Checkout.cs", 300);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/Checkout.cs", new LineRange(50, 60)), Ranked("src/Cart.cs", new LineRange(250, 260)) };
        var hints = new[] { new PathHint("src/Cart.cs", LineRange.At(20), PathHintSource.StackFrame) };
        var budget = Count(FileLines("src/Cart.cs", 8, 32)) + Count(FileLines("src/Checkout.cs", 47, 63)) + 10;

        var packed = ContextPacker.Pack(snapshot, ranked, hints, Count, budget);

        Assert.Equal([("src/Cart.cs", 8), ("src/Checkout.cs", 47)], packed.Sections.Select(s => (s.Path, s.StartLine)));
        Assert.Equal("src/Cart.cs", Assert.Single(packed.LeftOut).Path);
        Assert.StartsWith("lines 247-263:", packed.LeftOut[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_BinaryAndMissingFiles_AreListedAsLeftOut()
    {
        _repo.WriteFile("assets/logo.png", "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR\0\0\0\u0010");
        WriteNumberedFile("src/Cart.cs", 50);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[]
        {
            Ranked("assets/logo.png", new LineRange(1, 5)),
            Ranked("src/Deleted.cs", new LineRange(1, 5)),
            Ranked("src/Cart.cs", new LineRange(10, 12)),
        };

        var packed = ContextPacker.Pack(snapshot, ranked, [], Count, LargeBudget);

        Assert.Equal("src/Cart.cs", Assert.Single(packed.Sections).Path);
        Assert.Equal(
            [new LeftOutFile("assets/logo.png", BinaryOrMissing), new LeftOutFile("src/Deleted.cs", BinaryOrMissing)],
            packed.LeftOut);
    }

    [Fact]
    public async Task Pack_RankedFileWithoutWindows_IsListedAsLeftOut()
    {
        WriteNumberedFile("src/Cart.cs", 50);
        using var snapshot = await CommitAndOpenAsync();
        var ranked = new[] { Ranked("src/Cart.cs") };

        var packed = ContextPacker.Pack(snapshot, ranked, [], Count, LargeBudget);

        Assert.Empty(packed.Sections);
        Assert.Equal(new LeftOutFile("src/Cart.cs", "ranked, but no window was selected"), Assert.Single(packed.LeftOut));
    }

    private static RankedFile Ranked(string path, params LineRange[] ranges) => new(path, 1.0, ranges, ["test"]);

    /// <summary>Writes a file whose lines say which file and line they are, e.g. <c>Cart line 7: ...</c>.</summary>
    private void WriteNumberedFile(string path, int lines)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var text = string.Join('\n', Enumerable.Range(1, lines).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{name} line {i}: var item{i} = cart.Items[{i}] * price;")));
        _repo.WriteFile(path, text + "\n");
    }

    /// <summary>Lines <paramref name="start"/>..<paramref name="end"/> of the file as written to disk, joined with <c>\n</c>.</summary>
    private string FileLines(string path, int start, int end) =>
        string.Join('\n', File.ReadAllLines(Path.Combine(_repo.Path, path)).Skip(start - 1).Take(end - start + 1));

    private async Task<RepositorySnapshot> CommitAndOpenAsync()
    {
        _repo.Commit("files");
        return await RepositorySnapshot.OpenAsync(_repo.Path, null, _data.Path, cancellationToken: TestContext.Current.CancellationToken);
    }
}
