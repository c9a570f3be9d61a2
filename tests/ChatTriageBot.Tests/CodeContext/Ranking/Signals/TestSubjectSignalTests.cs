namespace ChatTriageBot.Tests.CodeContext;

public sealed class TestSubjectSignalTests
{
    [Fact]
    public void ATestThatMatchesTheRequest_LiftsTheFileItTests()
    {
        var commit = new InMemoryCommit()
            .With("shop/invoice.py", "class Builder:\n    def build(self, lines):\n        return sum(lines)\n")
            .With("shop/notes.py", "# a note about rounding\nNOTE = 1\n" + InMemoryCommit.Filler("padding", 30))
            .With("shop/tests/test_invoice.py", "def test_rounding_of_vat_on_refunds():\n    assert refund_vat_rounding(vat, refunds) == rounding\n");
        const string Text = "VAT rounding on refunds is off by one cent";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, "test-subject");

        var invoice = on.Single(r => r.Path == "shop/invoice.py");
        Assert.Contains("its test test_invoice.py matches", invoice.Reasons);
        Assert.True(on.ToList().IndexOf(invoice) < on.ToList().FindIndex(r => r.Path == "shop/notes.py"));
        Assert.DoesNotContain("shop/invoice.py", off);
    }
}
