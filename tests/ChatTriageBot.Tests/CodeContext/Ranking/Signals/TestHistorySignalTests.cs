namespace ChatTriageBot.Tests.CodeContext;

public sealed class TestHistorySignalTests
{
    private const string Signal = "test-history";
    private const string Discounts = "def combine(rules):\n    return rules\n";
    private const string CheckoutTests = "def test_coupon_stacking():\n    order = checkout(coupons=[coupon, coupon])\n    assert coupon_stacking_total(order) == 1\n";

    [Fact]
    public void ATestNamedAfterNoFile_LiftsTheCodeItChangedWith()
    {
        var commit = new InMemoryCommit()
            .With("shop/discounts.py", Discounts)
            .With("shop/banner.py", "# shown at checkout\nTEXT = 'checkout'\n")
            .With("tests/checkout/tests.py", CheckoutTests)
            .Changed("start", "shop/discounts.py", "shop/banner.py", "tests/checkout/tests.py")
            .ChangedTogether(3, "Fix", "shop/discounts.py", "tests/checkout/tests.py");
        const string Text = "Coupon stacking at checkout\n\nTwo coupons on one order both apply.";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        var discounts = on.Single(r => r.Path == "shop/discounts.py");
        Assert.Contains("changes together with the test checkout/tests.py", discounts.Reasons);
        Assert.True(on.ToList().IndexOf(discounts) < on.ToList().FindIndex(r => r.Path == "shop/banner.py"));
        Assert.True(off.IndexOf("shop/discounts.py") is var at && (at < 0 || at > off.IndexOf("shop/banner.py")), string.Join(", ", off));
    }

    [Fact]
    public void ATestNamedAfterItsFile_LendsByItsNameNotByWhatChangedWithIt()
    {
        var commit = new InMemoryCommit()
            .With("shop/invoice.py", "def build(lines):\n    return lines\n")
            .With("shop/ledger.py", "def post(entry):\n    return entry\n")
            .With("shop/tests/test_invoice.py", "def test_refund_rounding():\n    assert refund_rounding(vat) == rounding\n")
            .ChangedTogether(3, "Change", "shop/ledger.py", "shop/tests/test_invoice.py");

        var ranked = commit.Rank("Refund rounding is off by a cent");

        Assert.Contains("its test test_invoice.py matches", ranked.Single(r => r.Path == "shop/invoice.py").Reasons);
        Assert.DoesNotContain(ranked, r => r.Reasons.Any(reason => reason.StartsWith("changes together with the test", StringComparison.Ordinal)));
    }
}
