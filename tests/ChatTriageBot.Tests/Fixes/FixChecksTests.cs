using System.Text.Json.Nodes;
using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using static ChatTriageBot.Tests.Fixes.FixFlow;

namespace ChatTriageBot.Tests.Fixes;

/// <summary>
/// The checks a patch goes through before it can become a pull request, through the real app: each refusal is shown in
/// the thread with its reason, and Open PR is neither offered nor accepted for it.
/// </summary>
public sealed class FixChecksTests
{
    [Fact]
    public async Task PatchToAProtectedPath_IsShownWithTheRuleThatProtectsIt_AndCannotBeOpened()
    {
        await using var app = await StartHostedAsync();
        app.GitHub.CommitFile(Owner, Repo, "main", ".github/workflows/ci.yml", "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n", "CI");
        var diagnosis = SampleShop.DiagnosisJson(realPath: ".github/workflows/ci.yml", start: 1, end: 2);
        const string Fix = """
            { "summary": "Run the checkout tests in CI.", "edits": [ { "path": ".github/workflows/ci.yml", "find": "on: push", "replace": "on: [push, pull_request]", "why": "test pull requests too" } ], "test_plan": "", "risk": "low" }
            """;
        var (_, fix) = await ProposeFixAsync(app, diagnosis, Fix);

        Assert.Contains(":x: paths: .github/workflows/ci.yml is protected (.github/workflows/**)", ShownText(fix), StringComparison.Ordinal);
        Assert.DoesNotContain(FixActions.OpenPullRequest, ActionIds(fix));
        var stored = await SingleFixAsync(app);
        Assert.False(stored.ChecksPassed);

        var (_, clicked) = await ClickAsync(app, FixActions.OpenPullRequest, Number((int)stored.Id));
        var refusal = await WaitForReplyAsync(app, clicked);
        Assert.Contains("did not pass its checks", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.Empty(ApiWrites(app));
    }

    [Fact]
    public async Task PatchOverTheSizeLimits_IsShownWithTheLimits()
    {
        await using var app = await StartHostedAsync(("Fixes:MaxChangedLines", "1"));
        var (_, fix) = await ProposeFixAsync(app);

        Assert.Contains(":x: size: 2 lines changed, more than Fixes__MaxChangedLines (1)", ShownText(fix), StringComparison.Ordinal);
        Assert.DoesNotContain(FixActions.OpenPullRequest, ActionIds(fix));
    }

    [Fact]
    public async Task CheckCommand_RunsOnThePatchedTree_AndPasses()
    {
        await using var app = await StartHostedAsync(("Repos:0:CheckCommand", "grep -q -F -e '?? 0m' src/Shop/Checkout/CartService.cs"));
        var (_, fix) = await ProposeFixAsync(app);

        Assert.Matches(@":white_check_mark: check command: `grep -q -F -e '\?\? 0m' src/Shop/Checkout/CartService.cs` passed in [0-9.]+ s", ShownText(fix));
        Assert.Contains(FixActions.OpenPullRequest, ActionIds(fix));
    }

    [Fact]
    public async Task FailingCheckCommand_IsShownWithTheEndOfItsOutput_AndCannotBeOpened()
    {
        await using var app = await StartHostedAsync(("Repos:0:CheckCommand", "echo 'collected 12 items'; echo 'FAILED tests/test_cart.py::test_total_of_empty_cart' >&2; exit 3"));
        var (_, fix) = await ProposeFixAsync(app);

        var shown = ShownText(fix);
        Assert.Contains("failed with exit code 3", shown, StringComparison.Ordinal);
        Assert.Contains("FAILED tests/test_cart.py::test_total_of_empty_cart", shown, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"rich_text_preformatted\"", fix.Argument("blocks"), StringComparison.Ordinal);
        Assert.DoesNotContain(FixActions.OpenPullRequest, ActionIds(fix));
    }

    [Fact]
    public async Task CheckCommandThatRunsTooLong_IsStopped_AndShownAsTimedOut()
    {
        await using var app = await StartHostedAsync(("Repos:0:CheckCommand", "echo started; sleep 60"), ("Fixes:CheckTimeoutSeconds", "1"));
        var (_, fix) = await ProposeFixAsync(app);

        Assert.Contains("did not finish within 1 s (Fixes__CheckTimeoutSeconds)", ShownText(fix), StringComparison.Ordinal);
        Assert.Contains("started", ShownText(fix), StringComparison.Ordinal);
        Assert.DoesNotContain(FixActions.OpenPullRequest, ActionIds(fix));
        Assert.False((await SingleFixAsync(app)).ChecksPassed);
    }

    [Fact]
    public async Task TheFixMessage_ShowsEveryCheck_AndKeepsItsDetailsForLaterRedraws()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);

        var stored = await SingleFixAsync(app);
        var details = JsonNode.Parse(stored.DetailsJson!)!;
        Assert.Equal(["paths", "size"], details["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal((FixStatus.Ready, true), (stored.Status, stored.ChecksPassed));
        Assert.Contains(":white_check_mark: paths: 1 file(s), all inside the repository and none protected", ShownText(fix), StringComparison.Ordinal);
    }
}
