using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class TermTableTests
{
    [Fact]
    public void ATermKeepsItsNumber_AndItsCharacters_AsTheTableGrowsPastAMillionCharacters()
    {
        var table = new TermTable();
        var first = table.Id("invoice");
        var early = table.Chars(first);

        var ids = Enumerable.Range(0, 150_000).Select(i => table.Id($"term_{i}_{i * 7919 % 104729}")).ToList();

        Assert.Equal(Enumerable.Range(1, 150_000), ids);
        Assert.Equal(first, table.Id("invoice"));
        Assert.Equal("invoice", early.ToString());
        Assert.Equal("term_149999_" + (149_999 * 7919 % 104729), table.Term(150_000));
        Assert.Equal(77_778, table.Find("term_77777_" + (77_777 * 7919 % 104729)));
        Assert.Equal(150_001, table.Count);
    }

    [Fact]
    public void AnUnknownTerm_IsNotFound_AndCaseAndPrefixesAreDifferentTerms()
    {
        var table = new TermTable();
        table.Id("Invoice");
        table.Id("invoice_total");

        Assert.Equal(-1, table.Find("invoice"));
        Assert.Equal(-1, table.Find("invoice_tota"));
        Assert.Equal(-1, table.Find(""));
        Assert.Equal(2, table.Id(""));
        Assert.Equal(2, table.Find(""));
        Assert.Equal(1, table.Find("invoice_total".AsSpan()));
    }

    [Fact]
    public async Task ManyThreadsAddingTheSameTerms_GetOneNumberPerTerm()
    {
        var table = new TermTable();
        var words = Enumerable.Range(0, 20_000).Select(i => $"w{i}").ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() => words.Select(w => table.Id(w)).ToArray(), TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(20_000, table.Count);
        Assert.Equal(words, results[0].Select(table.Term));
    }
}
