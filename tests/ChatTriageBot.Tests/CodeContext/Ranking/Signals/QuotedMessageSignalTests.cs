using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class QuotedMessageSignalTests
{
    private const string Signal = "quoted-message";

    [Fact]
    public void AQuotedMessage_RanksTheFileWritingItFirst_WithTheLinesAroundIt()
    {
        var commit = new InMemoryCommit()
            .With("app/services/cart_updater.rb", "class CartUpdater\n  def call\n    raise Error, 'Your cart could not be updated'\n  end\nend\n")
            .With("app/views/cart_page.rb", "# cart page: update cart, cart updated, your cart, cart cart cart updated\n");
        const string Text = "The customer sees \"Your cart could not be updated\" on the cart page when the cart is updated";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("app/services/cart_updater.rb", on[0].Path);
        Assert.Contains("contains \"Your cart could not be updated\"", on[0].Reasons);
        Assert.Equal(new LineRange(1, 5), on[0].Ranges[0]);
        Assert.Equal("app/views/cart_page.rb", off[0]);
    }

    [Fact]
    public void AFormattedMessage_IsFoundByItsFixedPart()
    {
        var commit = new InMemoryCommit()
            .With("shop/payments.py", "def pay(cart):\n    raise ValueError(f\"Cart {cart.id} has no items left to pay\")\n")
            .With("shop/cart.py", "# cart items left cart items pay cart items left pay\n");
        const string Text = "Paying fails: \"Cart 8812 has no items left to pay\" but the cart has items left";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("shop/payments.py", on[0].Path);
        Assert.Contains("contains \"has no items left to pay\"", on[0].Reasons);
        Assert.Equal("shop/cart.py", off[0]);
    }

    [Fact]
    public void AMessageTheCodeSplitsOverTwoLiterals_IsStillFound()
    {
        var commit = new InMemoryCommit()
            .With("shop/checks.py", "def check_ordering(field):\n    return Error(\n        \"'ordering' refers to the nonexistent field, \"\n        \"related field, or lookup '%s'.\" % field,\n    )\n")
            .With("shop/ordering.py", "# ordering: field lookup, related field lookup, nonexistent field refers to ordering field lookup\n");
        const string Text = "Check fails for ordering by a lookup\n\napp.Stock: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'supply__isnull'.";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("shop/checks.py", on[0].Path);
        Assert.Contains("contains \"refers to the nonexistent field, related field, or lookup\"", on[0].Reasons);
        Assert.Equal(new LineRange(1, 5), on[0].Ranges[0]);
        Assert.Equal("shop/ordering.py", off[0]);
    }

    [Fact]
    public void AQuotedMessage_IsFoundInTheCode_ThoughItsTranslationsMatchTheRequestBetter()
    {
        // Every translation holds the message and the request's words many times over, and together they are more
        // text than one request may read: the code is searched first.
        var commit = new InMemoryCommit();
        var catalog = string.Concat(Enumerable.Range(0, 4_000).Select(i => $"msgid \"cart {i} could not be updated\"\nmsgstr \"cart {i}\"\n"));
        foreach (var language in new[] { "de", "fr", "es", "it", "nl", "pt", "sv", "da" })
        {
            commit.With($"shop/locale/{language}/LC_MESSAGES/shop.po", "msgid \"Your cart could not be updated\"\n" + catalog);
        }

        // A long module: on words alone every catalog matches the request better.
        var helpers = string.Concat(Enumerable.Range(0, 6_000).Select(i => $"def helper_{i}(value):\n    return value + {i}\n"));
        commit.With("shop/cart_updater.py", "def update(cart):\n    raise CartError(_('Your cart could not be updated'))\n" + helpers);

        var ranked = commit.Rank("The customer sees \"Your cart could not be updated\" when the cart is updated");

        Assert.Equal("shop/cart_updater.py", ranked[0].Path);
        Assert.Contains("contains \"Your cart could not be updated\"", ranked[0].Reasons);
    }
}
