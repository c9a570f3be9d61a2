using System.Globalization;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Tests.Triage;

public sealed class CitationVerifierTests : IAsyncLifetime
{
    private readonly TestRepository _repo = new();
    private readonly TempDirectory _data = new("citations-data");
    private RepositorySnapshot? _snapshot;

    private RepositorySnapshot Snapshot => _snapshot ?? throw new InvalidOperationException("not initialised");

    public async ValueTask InitializeAsync()
    {
        _repo.WriteFile("src/Cart.cs", string.Join('\n', Enumerable.Range(1, 30).Select(i => string.Create(CultureInfo.InvariantCulture, $"// cart line {i}"))) + "\n");
        _repo.WriteFile("assets/logo.png", "PNG\0\0\0IHDR");
        _repo.Commit("files");
        _snapshot = await RepositorySnapshot.OpenAsync(_repo.Path, null, _data.Path, cancellationToken: TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _snapshot?.Dispose();
        _repo.Dispose();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Verify_RangeInsideARealFile_IsKeptUnchanged()
    {
        var evidence = new Evidence("src/Cart.cs", 10, 14, "the total is computed here");

        var (kept, dropped) = CitationVerifier.Verify(Snapshot, [evidence]);

        Assert.Equal([evidence], kept);
        Assert.Empty(dropped);
    }

    [Fact]
    public void Verify_WholeFileFromFirstToLastLine_IsKept()
    {
        var (kept, _) = CitationVerifier.Verify(Snapshot, [new Evidence("src/Cart.cs", 1, 30, "whole file")]);

        Assert.Single(kept);
    }

    [Theory]
    [InlineData("./src/Cart.cs")]
    [InlineData("/src/Cart.cs")]
    [InlineData(" src\\Cart.cs ")]
    [InlineData("././src/Cart.cs")]
    public void Verify_PathWrittenDifferently_IsNormalisedAndKept(string path)
    {
        var (kept, dropped) = CitationVerifier.Verify(Snapshot, [new Evidence(path, 3, 4, "why")]);

        Assert.Equal([new Evidence("src/Cart.cs", 3, 4, "why")], kept);
        Assert.Empty(dropped);
    }

    [Theory]
    [InlineData("src/Checkout.cs", 1, 2)]
    [InlineData("src/cart.cs", 1, 2)]
    [InlineData("", 1, 2)]
    [InlineData("assets/logo.png", 1, 1)]
    [InlineData("src/Cart.cs", 25, 80)]
    [InlineData("src/Cart.cs", 30, 31)]
    [InlineData("src/Cart.cs", 31, 31)]
    [InlineData("src/Cart.cs", 200, 210)]
    [InlineData("src/Cart.cs", 14, 10)]
    [InlineData("src/Cart.cs", 0, 3)]
    [InlineData("src/Cart.cs", -4, 3)]
    public void Verify_InventedPathOrImpossibleRange_IsDroppedAsGiven(string path, int start, int end)
    {
        var evidence = new Evidence(path, start, end, "made up");

        var (kept, dropped) = CitationVerifier.Verify(Snapshot, [evidence]);

        Assert.Empty(kept);
        Assert.Equal([evidence], dropped);
    }

    [Fact]
    public void Verify_MixedEvidence_KeepsTheRealOnesInOrderAndDropsTheRest()
    {
        var real1 = new Evidence("src/Cart.cs", 1, 2, "a");
        var invented = new Evidence("src/CartService.cs", 1, 2, "b");
        var real2 = new Evidence("./src/Cart.cs", 20, 30, "c");
        var pastTheEnd = new Evidence("src/Cart.cs", 29, 45, "d");

        var (kept, dropped) = CitationVerifier.Verify(Snapshot, [real1, invented, real2, pastTheEnd]);

        Assert.Equal([real1, real2 with { Path = "src/Cart.cs" }], kept);
        Assert.Equal([invented, pastTheEnd], dropped);
    }
}
