using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ChatTriageBot.Tests.CodeContext;

/// <summary>The persistent code index on real git repositories: what is tokenized when, and what survives a restart.</summary>
public sealed class CodeIndexStoreTests : IDisposable
{
    private readonly TempDirectory _data = new("ctb-index");
    private readonly TestRepository _repo = new();

    public CodeIndexStoreTests()
    {
        for (var i = 0; i < 20; i++)
        {
            _repo.WriteFile($"src/Billing/Invoice{i}.cs", $"namespace Billing;\n\npublic sealed class Invoice{i}\n{{\n    public decimal Total{i}(decimal net) => net * 1.{i}m;\n}}\n");
        }

        _repo.WriteFile("src/Checkout/CartService.cs", "public sealed class CartService\n{\n    public decimal Total(Cart cart) => cart.Discount!.Percent;\n}\n");
        _repo.WriteFile("assets/logo.png", "\u0089PNG\r\n\u001a\n\0\0\0binary");
        _repo.Commit("first");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _repo.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task ARestart_ReadsTheBlobsFromDisk_AndTokenizesNothing()
    {
        using (var store = new CodeIndexStore(_data.Combine("index")))
        using (var snapshot = await OpenAsync(null))
        {
            var index = store.Open(snapshot, out var stats, Ct);
            Assert.Equal((21, 0, 22), (stats.Files, stats.LoadedFromDisk, stats.Tokenized));
            Assert.DoesNotContain("assets/logo.png", index.Paths);
            Assert.Same(index, store.Open(snapshot, Ct));
        }

        using var restarted = new CodeIndexStore(_data.Combine("index"));
        using var again = await OpenAsync(null);
        var reopened = restarted.Open(again, out var after, Ct);
        Assert.Equal((21, 22, 0), (after.Files, after.LoadedFromDisk, after.Tokenized));
        Assert.Equal([(0, 1)], reopened.Definitions("CartService").Select(d => (d.Document - reopened.Paths.ToList().IndexOf("src/Checkout/CartService.cs"), d.Line)));
    }

    [Fact]
    public async Task ANewerCommit_TokenizesOnlyTheFilesThatChanged_AndSeesTheirNewContent()
    {
        using var store = new CodeIndexStore(_data.Combine("index"));
        var first = _repo.HeadSha;
        using (var snapshot = await OpenAsync(first))
        {
            store.Open(snapshot, Ct);
        }

        _repo.WriteFile("src/Billing/Invoice3.cs", "public sealed class Invoice3 { public decimal Refund(decimal net) => -net; }\n");
        _repo.WriteFile("src/Shipping/ShippingCalculator.cs", "public sealed class ShippingCalculator { public decimal Cost(int items) => items == 0 ? 0 : 4.95m; }\n");
        _repo.DeleteFile("src/Billing/Invoice7.cs");
        _repo.Commit("second");
        using var second = await OpenAsync(null);

        var index = store.Open(second, out var stats, Ct);

        Assert.Equal(2, stats.Tokenized);
        Assert.Equal(21, stats.Files);
        Assert.DoesNotContain("src/Billing/Invoice7.cs", index.Paths);
        Assert.Single(index.Postings("refund").ToDocuments());
        Assert.Equal("src/Shipping/ShippingCalculator.cs", index.Paths[index.Postings("shipping").ToDocuments().Single()]);
    }

    [Fact]
    public async Task ANewerCommitsIndex_CopiedFromTheLastOne_EqualsOneBuiltFromScratch()
    {
        using var store = new CodeIndexStore(_data.Combine("index"));
        using (var snapshot = await OpenAsync(_repo.HeadSha))
        {
            store.Open(snapshot, Ct);
        }

        // Changed, added (before, between and after the kept files), deleted, renamed, and a term that is new to the table.
        _repo.WriteFile("src/Billing/Invoice3.cs", "public sealed class Invoice3 { public decimal Refund(decimal net) => -net * 1.3m; }\n");
        _repo.WriteFile("src/Billing/Invoice10.cs", "public sealed class Invoice10 { public decimal Total10(decimal net) => net; }\n");
        _repo.WriteFile("src/Audit/AuditTrail.cs", "public sealed class AuditTrail { public void Record(string invoice) { } }\n");
        _repo.WriteFile("src/Billing/InvoiceA.cs", "public sealed class InvoiceA { public decimal Total(decimal net) => net; }\n");
        _repo.WriteFile("zz/Zebra.cs", "public static class Zebra { public static int Stripes(int invoice) => invoice; }\n");
        _repo.DeleteFile("src/Billing/Invoice7.cs");
        _repo.DeleteFile("src/Billing/Invoice12.cs");
        _repo.WriteFile("src/Billing/Renamed12.cs", "namespace Billing;\n\npublic sealed class Invoice12\n{\n    public decimal Total12(decimal net) => net * 1.12m;\n}\n");
        _repo.Commit("second");
        using var second = await OpenAsync(null);

        var copied = store.Open(second, out var stats, Ct);
        using var fresh = new CodeIndexStore(_data.Combine("fresh"));
        var scratch = fresh.Open(second, Ct);

        // The renamed file's content is known (its blob is on disk): only the five new contents are tokenized.
        Assert.Equal((5, 1), (stats.Tokenized, stats.LoadedFromDisk));
        Assert.Equal(scratch.Paths, copied.Paths);
        Assert.Equal(scratch.Lengths, copied.Lengths);
        var terms = second.TextFiles.SelectMany(f => CodeTokenizer.Tokenize(f.Text + "\n" + f.Path)).Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("stripes", terms);
        foreach (var term in terms)
        {
            var (expected, actual) = (scratch.Postings(term), copied.Postings(term));
            Assert.Equal(Enumerable.Range(0, expected.Length).Select(i => (expected.Document(i), expected.Count(i))), Enumerable.Range(0, actual.Length).Select(i => (actual.Document(i), actual.Count(i))));
        }

        foreach (var name in new[] { "Invoice12", "Invoice3", "CartService", "Zebra", "AuditTrail", "Invoice10" })
        {
            Assert.Equal(scratch.Definitions(name), copied.Definitions(name));
            Assert.NotEmpty(copied.Definitions(name));
        }
    }

    [Fact]
    public async Task TwoStoresOnOneDirectory_LikeTwoProcesses_BothBuildTheSameIndex()
    {
        using var one = new CodeIndexStore(_data.Combine("index"));
        using var two = new CodeIndexStore(_data.Combine("index"));
        using var a = await OpenAsync(null);
        using var b = await OpenAsync(null);

        var indexes = await Task.WhenAll(Task.Run(() => one.Open(a, Ct), Ct), Task.Run(() => two.Open(b, Ct), Ct));

        Assert.Equal(indexes[0].Paths, indexes[1].Paths);
        Assert.Equal(indexes[0].Postings("invoice3").ToDocuments(), indexes[1].Postings("invoice3").ToDocuments());
    }

    [Fact]
    public async Task ADamagedCacheRecord_IsTokenizedAgain_NotTrusted()
    {
        using (var store = new CodeIndexStore(_data.Combine("index")))
        using (var snapshot = await OpenAsync(null))
        {
            store.Open(snapshot, Ct);
        }

        var database = Directory.GetFiles(_data.Combine("index"), "*.db").Single();
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE blobs SET data = x'FFFFFFFF' WHERE data IS NOT NULL";
            Assert.Equal(21, damage.ExecuteNonQuery());
        }

        using var restarted = new CodeIndexStore(_data.Combine("index"));
        using var again = await OpenAsync(null);
        var index = restarted.Open(again, out var stats, Ct);
        Assert.Equal(21, stats.Tokenized);
        Assert.Equal("src/Checkout/CartService.cs", index.Paths[index.Postings("cartservice").ToDocuments().Single()]);
    }

    [Fact]
    public async Task RankingOverTheStore_EqualsRankingInMemory()
    {
        using var store = new CodeIndexStore(_data.Combine("index"));
        using var snapshot = await OpenAsync(null);
        const string Text = "Checkout fails: NullReferenceException in CartService.Total, \"Percent\" of a missing Discount";
        var references = CodeReferenceExtractor.Extract(Text);

        var stored = await new CodeRanker(store).RankAsync(snapshot, Text, references, 5, Ct);
        var memory = await new CodeRanker().RankAsync(snapshot, Text, references, 5, Ct);

        Assert.Equal("src/Checkout/CartService.cs", stored[0].Path);
        Assert.Equal(memory.Select(r => (r.Path, r.Score)), stored.Select(r => (r.Path, r.Score)));
    }

    [Fact]
    public async Task APreparedIndex_RanksAsOneNotPrepared()
    {
        _repo.WriteFile("tests/Checkout/CartServiceTests.cs", "public sealed class CartServiceTests { public void Total_UsesTheDiscount() { } }\n");
        _repo.WriteFile("src/Checkout/CartService.cs", "public sealed class CartService\n{\n    public decimal Total(Cart cart) => cart.Discount?.Percent ?? 0;\n}\n");
        _repo.Commit("Cart total no longer fails without a discount");
        const string text = "NullReferenceException in CartService.Total when the cart has no discount (CartServiceTests pass)";

        async Task<IReadOnlyList<RankedFile>> RankAsync(bool prepare, CodeIndexStore store, RepositorySnapshot snapshot, ChangeHistory history)
        {
            var index = store.Open(snapshot, Ct);
            if (prepare)
            {
                await CodeRanker.PrepareAsync(index, snapshot.ReadText, history, Ct);
            }

            return CodeRanker.RankIndex(index, snapshot.ReadText, text, CodeReferenceExtractor.Extract(text), 10, history, Ct);
        }

        using var plainStore = new CodeIndexStore(_data.Combine("plain"));
        using var preparedStore = new CodeIndexStore(_data.Combine("prepared"));
        using var snapshot = await OpenAsync(null);
        var plain = await RankAsync(false, plainStore, snapshot, await plainStore.HistoryAsync(snapshot, Ct));
        var prepared = await RankAsync(true, preparedStore, snapshot, await preparedStore.HistoryAsync(snapshot, Ct));

        Assert.Equal("src/Checkout/CartService.cs", plain[0].Path);
        Assert.Equal(plain.Select(r => (r.Path, r.Score, string.Join("; ", r.Reasons))), prepared.Select(r => (r.Path, r.Score, string.Join("; ", r.Reasons))));
    }

    private Task<RepositorySnapshot> OpenAsync(string? commit) => RepositorySnapshot.OpenAsync(_repo.Path, commit, _data.Combine("data"), cancellationToken: Ct);
}
