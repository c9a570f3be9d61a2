using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class TestFileClassifierTests
{
    [Theory]
    [InlineData("tests/ChatTriageBot.Tests/CartTests.cs", true)]
    [InlineData("src/Cart/CartServiceTest.cs", true)]
    [InlineData("shop/tests/test_cart.py", true)]
    [InlineData("shop/test_cart.py", true)]
    [InlineData("cart/service_test.go", true)]
    [InlineData("web/src/cart.spec.ts", true)]
    [InlineData("web/src/__tests__/cart.js", true)]
    [InlineData("spec/models/cart_spec.rb", true)]
    [InlineData("src/test/java/com/acme/CartTest.java", true)]
    [InlineData("src/Cart/CartService.cs", false)]
    [InlineData("shop/cart/pricing.py", false)]
    [InlineData("src/latest/contest.py", false)]
    [InlineData("docs/testimonials.md", false)]
    public void IsTest_ClassifiesByPath(string path, bool expected) => Assert.Equal(expected, TestFileClassifier.IsTest(path));

    [Theory]
    [InlineData("README.md", true)]
    [InlineData("docs/usage.rst", true)]
    [InlineData("CHANGES", true)]
    [InlineData("CHANGELOG.old", true)]
    [InlineData("app/locale/de/LC_MESSAGES/app.po", true)]
    [InlineData(".github/ISSUE_TEMPLATE/bug.md", true)]
    [InlineData(".travis.yml", true)]
    [InlineData("shop/changes.py", false)]
    [InlineData("src/Cart/CartService.cs", false)]
    public void IsDocumentation_ClassifiesByPath(string path, bool expected) => Assert.Equal(expected, TestFileClassifier.IsDocumentation(path));
}
