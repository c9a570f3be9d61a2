namespace ChatTriageBot.Tests.CodeContext;

public sealed class SummaryLineSignalTests
{
    [Fact]
    public void AFileThatMatchesTheSummary_OutranksOneThatMatchesMoreOfTheLogBelowIt()
    {
        var commit = new InMemoryCommit()
            .With("shop/money.py", "def round_refund(amount):\n    # refunds lose cents when rounding\n    return int(amount)\n")
            .With("shop/checkout.py", "def start(session, basket, customer, payment, order, invoice, shipping, warehouse, courier):\n    return order\n");
        const string Log = "session basket customer payment order invoice shipping warehouse courier started\n";
        var text = "Refund rounding loses cents\n\nThe log of the checkout:\n" + string.Concat(Enumerable.Repeat(Log, 3));

        var on = commit.Paths(text);
        var off = commit.Paths(text, "summary-line");

        Assert.Equal(["shop/money.py", "shop/checkout.py"], on);
        Assert.Equal(["shop/checkout.py", "shop/money.py"], off);
    }

    [Fact]
    public void AOneLineRequest_IsNotCountedTwice()
    {
        var commit = new InMemoryCommit()
            .With("shop/money.py", "def round_refund(amount):\n    return int(amount)\n")
            .With("shop/other.py", "x = 1\n");

        var on = commit.Rank("Refund rounding loses cents");
        var off = commit.Rank("Refund rounding loses cents", "summary-line");

        Assert.Equal(off.Select(r => r.Score), on.Select(r => r.Score));
    }
}
