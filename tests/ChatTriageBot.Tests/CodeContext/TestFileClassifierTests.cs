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
    [InlineData("Lib/Testing/helpers.py", true)]
    [InlineData("pkg/test_utils/fixtures.go", true)]
    [InlineData("lib/cart_test.exs", true)]
    [InlineData("web/src/cart.test.mjs", true)]
    [InlineData("web/src/Cart.SPEC.tsx", true)]
    [InlineData("src/CartTESTS.kt", true)]
    [InlineData("shop/conftest.py", true)]
    [InlineData("src/Cart/CartService.cs", false)]
    [InlineData("shop/cart/pricing.py", false)]
    [InlineData("shop/cart_test.py.orig", false)]
    [InlineData("web/src/cart.test.css", false)]
    [InlineData("web/src/test-data.js", false)]
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
    [InlineData("docs/CHANGES.rst", true)]
    [InlineData("src/locales/de.json", true)]
    [InlineData(".gitlab-ci.yml", true)]
    [InlineData("shop/changes.py", false)]
    [InlineData("shop/CHANGESET.py", false)]
    [InlineData("shop/readme.md/index.py", false)]
    [InlineData("src/Cart/CartService.cs", false)]
    public void IsDocumentation_ClassifiesByPath(string path, bool expected) => Assert.Equal(expected, TestFileClassifier.IsDocumentation(path));
}
