using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class StackFrameSignalTests
{
    private const string Signal = "stack-frame";

    [Fact]
    public void AFramesFile_RanksFirst_WithTheLinesAroundTheFramesLine()
    {
        var commit = new InMemoryCommit()
            .With("shop/cart/pricing.py", "def compute_total(items):\n" + InMemoryCommit.Filler("prices", 40) + "    return sum(prices[i.sku] for i in items)\n")
            .With("shop/catalog/sku.py", "# sku sku sku prices prices lookup lookup missing\n");
        const string Text = """
            Checkout crashes with a missing sku in prices lookup
            Traceback (most recent call last):
              File "/srv/app/shop/cart/pricing.py", line 42, in compute
            KeyError: 'SKU-1209'
            """;

        // A frame's path is also a path the text writes: that signal is off, to see what the frame alone gives.
        var on = commit.Rank(Text, "named-path");
        var off = commit.Rank(Text, "named-path", Signal);

        Assert.Equal("shop/cart/pricing.py", on[0].Path);
        Assert.Contains("stack frame line 42", on[0].Reasons);
        Assert.Equal(new LineRange(32, 42), on[0].Ranges[0]);
        Assert.Equal("shop/catalog/sku.py", off[0].Path);
    }

    [Fact]
    public void TheInnermostFrame_OutranksTheFramesThatCalledIt()
    {
        var commit = new InMemoryCommit()
            .With("shop/views.py", "def checkout(request):\n    return orders.place(request.cart)\n")
            .With("shop/orders.py", "def place(cart):\n    return payments.charge(cart.total)\n")
            .With("shop/payments.py", "def charge(amount):\n    raise ValueError(amount)\n");
        const string Text = """
            Charging fails
            Traceback (most recent call last):
              File "shop/views.py", line 2, in checkout
              File "shop/orders.py", line 2, in place
              File "shop/payments.py", line 2, in charge
            ValueError: 0
            """;

        var on = commit.Paths(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal(["shop/payments.py", "shop/orders.py", "shop/views.py"], on);
        Assert.NotEqual(on, off);
    }

    [Fact]
    public void AJavaFrame_MatchesTheFileInThePackageOfItsClass()
    {
        var commit = new InMemoryCommit()
            .With("src/main/java/com/acme/orders/OrderService.java", "package com.acme.orders;\n\npublic class OrderService {\n  public void cancel(Order o) { }\n}\n")
            .With("src/main/java/com/acme/legacy/OrderService.java", "package com.acme.legacy;\n\npublic class OrderService { /* cancel cancel order shipped */ }\n");
        const string Text = """
            Cancel fails for a shipped order
            java.lang.IllegalStateException: order already shipped
                at com.acme.orders.OrderService.cancel(OrderService.java:4)
            """;

        var on = commit.Rank(Text);
        var off = commit.Rank(Text, Signal);

        Assert.Equal("src/main/java/com/acme/orders/OrderService.java", on[0].Path);
        Assert.Contains("stack frame line 4", on[0].Reasons);
        Assert.DoesNotContain(on.Skip(1), r => r.Reasons.Contains("stack frame line 4"));
        Assert.DoesNotContain(off, r => r.Reasons.Contains("stack frame line 4"));
    }

    [Fact]
    public void ATestFileInATraceback_IsNotDownWeighted()
    {
        var commit = new InMemoryCommit()
            .With("tests/test_refunds.py", "def test_refund():\n    assert refund(order) == 0\n")
            .With("shop/refunds.py", "def refund(order):\n    # refund order refund order amount\n    return order.amount\n");
        const string Text = """
            Refund test fails
            Traceback (most recent call last):
              File "tests/test_refunds.py", line 2, in test_refund
            AssertionError
            """;

        var on = commit.Rank(Text, "named-path");
        var off = commit.Rank(Text, "named-path", Signal);

        Assert.DoesNotContain("test file (down-weighted)", on.Single(r => r.Path == "tests/test_refunds.py").Reasons);
        Assert.Contains("test file (down-weighted)", off.Single(r => r.Path == "tests/test_refunds.py").Reasons);
    }
}
