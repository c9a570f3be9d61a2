using ChatTriageBot.Fixes;

namespace ChatTriageBot.Tests.Fixes;

public sealed class PathGlobTests
{
    [Theory]
    [InlineData(".github/workflows/ci.yml")]
    [InlineData(".env")]
    [InlineData("deploy/.env.production")]
    [InlineData("certs/server.pem")]
    [InlineData("config/signing.key")]
    [InlineData("src/secrets.json")]
    [InlineData("app/Secrets/api.txt")]
    [InlineData("yarn.lock")]
    [InlineData("web/package-lock.json")]
    [InlineData("go.sum")]
    [InlineData("src/Shop/packages.lock.json")]
    public void DefaultProtectedPaths_ProtectWorkflowsSecretsKeysAndLockFiles(string path) =>
        Assert.Contains(FixesOptions.DefaultProtectedPaths, p => new PathGlob(p, ignoreCase: true).Matches(path));

    [Theory]
    [InlineData("src/Shop/Checkout/CartService.cs")]
    [InlineData("docs/environment.md")]
    [InlineData("src/keyboard.ts")]
    [InlineData(".github/CODEOWNERS")]
    [InlineData("src/locker.py")]
    public void DefaultProtectedPaths_LeaveOrdinaryCodeAlone(string path) =>
        Assert.DoesNotContain(FixesOptions.DefaultProtectedPaths, p => new PathGlob(p, ignoreCase: true).Matches(path));

    [Theory]
    [InlineData("*.js", "web/app.js", true)]
    [InlineData("*.js", "web/app.ts", false)]
    [InlineData("/build/", "build/out/a.dll", true)]
    [InlineData("/build/", "src/build/a.dll", false)]
    [InlineData("docs/", "a/docs/readme.md", true)]
    [InlineData("src/**/test_*.py", "src/a/b/test_cart.py", true)]
    [InlineData("src/**/test_*.py", "src/test_cart.py", true)]
    [InlineData("src/*.py", "src/a/x.py", false)]
    [InlineData("src/*", "src/a/x.py", true)]
    [InlineData("lib/?.c", "lib/a.c", true)]
    [InlineData("lib/?.c", "lib/ab.c", false)]
    [InlineData("[Mm]akefile", "Makefile", true)]
    public void Patterns_FollowGitignoreRules(string pattern, string path, bool matches) =>
        Assert.Equal(matches, new PathGlob(pattern, ignoreCase: false).Matches(path));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("..\\x", "backslash")]
    [InlineData("a/../b", "contains '..'")]
    public void UnusablePatterns_SayWhy(string pattern, string why) =>
        Assert.Contains(why, PathGlob.Problem(pattern), StringComparison.Ordinal);
}
