using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class DefinitionSignalTests
{
    private const string Signal = "definition";

    [Fact]
    public void AQualifiedName_RanksTheFileDefiningBothParts_WithTheDefinitionsLines()
    {
        var commit = new InMemoryCommit()
            .With("src/Shop/Services.cs", "namespace Shop;\n\npublic sealed class CartService\n{\n    public decimal Total(Cart cart) => cart.Lines.Sum(l => l.Price);\n}\n")
            .With("src/Api/CartEndpoints.cs", "// calls CartService.Total: total total total cart cart service\nvar total = cartService.Total(cart); total = cartService.Total(cart);\n");
        const string Text = "CartService.Total returns the wrong total for the cart service";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("src/Shop/Services.cs", on[0].Path);
        Assert.Contains("defines CartService.Total", on[0].Reasons);
        Assert.Equal(new LineRange(3, 6), on[0].Ranges[0]);
        Assert.Equal("src/Api/CartEndpoints.cs", off[0]);
    }

    [Fact]
    public void AFunctionsName_RanksTheFileDefiningIt_AboveItsCallers()
    {
        var commit = new InMemoryCommit()
            .With("shop/discounts.py", "def apply_discount(cart, code):\n    return cart\n")
            .With("shop/checkout.py", "# apply discount apply discount discount code cart\ncart = apply_discount(cart, code)\ncart = apply_discount(cart, code)\n");
        const string Text = "apply_discount ignores the discount code for my cart";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("shop/discounts.py", on[0].Path);
        Assert.Contains("defines apply_discount", on[0].Reasons);
        Assert.Equal("shop/checkout.py", off[0]);
    }

    [Fact]
    public void ASymbolTheSummaryNames_OutranksOneTheExampleCodeOnlyUses()
    {
        var commit = new InMemoryCommit()
            .With("shop/cart.py", "class Cart:\n    def total(self):\n        return sum(self.items)\n")
            .With("shop/coupon.py", "class Coupon:\n    def apply(self, total):\n        return total\n");

        var ranked = commit.Paths("Wrong Coupon discount in the total\n\n```\nc = Cart()\nCoupon('10OFF').apply(c.total())\n```\n");

        Assert.Equal(["shop/coupon.py", "shop/cart.py"], ranked);
    }

    [Fact]
    public void ASymbolTheProseNames_OutranksTypesTheExampleOnlyBuilds()
    {
        var commit = new InMemoryCommit()
            .With("shop/models.py", "class Product:\n    def __init__(self, price):\n        self.price = price\n\n\nclass Cart:\n    def add(self, product):\n        pass\n")
            .With("shop/coupons.py", "def apply_coupon(cart, code):\n    return cart\n");

        var ranked = commit.Paths("Discount lost after checkout\n\nSince the upgrade `apply_coupon` drops the code. To reproduce:\n\n    p = Product(price=10)\n    c = Cart()\n    c.add(p)\n    apply_coupon(c, '10OFF')\n");

        Assert.Equal(["shop/coupons.py", "shop/models.py"], ranked);
    }

    [Fact]
    public void ANameTheReportDefinesItself_IsNotTheRepositorysUnlessTheSummaryNamesIt()
    {
        // The reporter's own Profile model shares its name with the shop's; the ChoiceField class pasted under a
        // summary that names it is the shop's code, quoted.
        var commit = new InMemoryCommit()
            .With("shop/accounts/profile.py", "class Profile:\n    def display_name(self):\n        return self.name\n")
            .With("shop/forms/fields.py", "class ChoiceField:\n    def validate(self, value):\n        raise ValidationError('invalid choice')\n")
            .With("shop/forms/prefetch.py", "def prefetch_choices(queryset):\n    return list(queryset)\n");

        var ranked = commit.Rank("""
            ChoiceField hides the invalid value when prefetched choices are used
            With this model:
            class Profile(models.Model):
                kind = models.CharField(choices=KINDS)
            and the field as it is now:
            class ChoiceField(Field):
                def validate(self, value): ...
            Profile.objects.all() gives the choices, and prefetch_choices drops the invalid value.
            """);

        Assert.Equal("shop/forms/fields.py", ranked[0].Path);
        Assert.Contains("defines ChoiceField", ranked[0].Reasons);
        Assert.DoesNotContain(ranked.Where(r => r.Path == "shop/accounts/profile.py"), r => r.Reasons.Contains("defines Profile"));
    }

    [Fact]
    public void APlainWordWrittenAsACall_RanksTheFileDefiningIt()
    {
        var commit = new InMemoryCommit()
            .With("core/mod.py", "class Mod(Function):\n    def eval(cls, p, q):\n        return p\n")
            .With("core/numbers.py", "# integer base zero mod mod mod: integer integer base base zero\nclass Integer:\n    pass\n");
        const string Text = "Mod(x**2, x) is not always 0 when the base is not an integer; it returns zero";

        var on = commit.Rank(Text, "type-home");
        var off = commit.Paths(Text, "type-home", Signal);

        Assert.Equal("core/mod.py", on[0].Path);
        Assert.Contains("defines Mod", on[0].Reasons);
        Assert.Equal("core/numbers.py", off[0]);
    }
}
