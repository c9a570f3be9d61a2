using ChatTriageBot.Fixes;

namespace ChatTriageBot.Tests.Fixes;

public sealed class CodeOwnersTests
{
    private const string File = """
        # Everyone owns everything by default.
        *                       @acme/everyone
        /src/Shop/Checkout/     @checkout-lead @acme/payments   # checkout
        *.md                    @docs-writer docs@example.com
        /src/Shop/Shipping/     @shipping-lead @triagebot
        """;

    [Fact]
    public void TheLastMatchingRule_NamesTheOwners_UsersAndTeamsApart()
    {
        var (users, teams) = CodeOwners.For(File, ["src/Shop/Checkout/CartService.cs"], exclude: null);

        Assert.Equal(["checkout-lead"], users);
        Assert.Equal(["payments"], teams);
    }

    [Fact]
    public void SeveralFiles_CollectEachFilesOwnersOnce_WithoutEmailOwnersOrTheAuthor()
    {
        var (users, teams) = CodeOwners.For(File, ["README.md", "src/Shop/Shipping/ShippingCalculator.cs", "src/Shop/Web/CheckoutController.cs", "docs/a.md"], exclude: "triagebot");

        Assert.Equal(["docs-writer", "shipping-lead"], users);
        Assert.Equal(["everyone"], teams);
    }

    [Fact]
    public void NoMatchingRule_NamesNobody()
    {
        var (users, teams) = CodeOwners.For("/docs/ @docs-writer\n", ["src/a.cs"], exclude: null);

        Assert.Empty(users);
        Assert.Empty(teams);
    }
}
