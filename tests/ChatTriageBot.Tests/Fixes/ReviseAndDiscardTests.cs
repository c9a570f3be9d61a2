using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ChatTriageBot.Tests.Fixes.FixFlow;

namespace ChatTriageBot.Tests.Fixes;

/// <summary><b>Revise</b> (a modal, or a follow-up mention) and <b>Discard</b> on the fix message, through the real app.</summary>
public sealed class ReviseAndDiscardTests
{
    private const string Instruction = "Keep the discount logic, but return 0 right away when the cart has no lines.";

    private const string RevisedFix = """
        {
          "summary": "Return 0 for an empty cart before the discount is read.",
          "edits": [
            { "path": "src/Shop/Checkout/CartService.cs", "find": "        if (cart.Lines.Count == 0)\n        {\n            // An empty cart still applies the discount so the summary can show it.\n        }", "replace": "        if (cart.Lines.Count == 0)\n        {\n            return 0m;\n        }", "why": "as the engineer asked" }
          ],
          "test_plan": "Total of an empty cart is 0.",
          "risk": "low"
        }
        """;

    [Fact]
    public async Task Revise_OpensAModal_AndItsInstructionGoesToTheFixModelWithTheEarlierPatch_WhoseReplacementTakesItsPlace()
    {
        await using var app = await StartHostedAsync();
        var (thread, fix) = await ProposeFixAsync(app);
        var first = await SingleFixAsync(app);

        var (took, _) = await ClickAsync(app, FixActions.Revise, Number((int)first.Id), messageTs: fix.Argument("ts"), triggerId: "12345.67890.abcdef");
        Assert.True(took < TimeSpan.FromSeconds(3), $"the click took {took}");
        var opened = await app.Slack.WaitForCallAsync("views.open", timeout: TriageAnswers.Wait, cancellationToken: Ct);
        Assert.Equal("12345.67890.abcdef", opened.Argument("trigger_id"));
        var view = JsonNode.Parse(opened.Argument("view")!)!;
        Assert.Equal(FixActions.ReviseModal, view["callback_id"]!.GetValue<string>());
        Assert.Equal(Number((int)first.Id), view["private_metadata"]!.GetValue<string>());

        app.OpenAI.EnqueueCompletion(RevisedFix);
        using (var client = app.CreateClient())
        using (var submit = SlackRequests.ViewSubmission(FixActions.ReviseModal, Number((int)first.Id), FixActions.ReviseInputBlock, FixActions.ReviseInputAction, Instruction, AppFixture.SigningSecret))
        using (var response = await client.SendAsync(submit, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync(Ct));
        }

        var revised = await WaitForFixMessageAsync(app, "revision 1", fix);
        Assert.Equal(fix.Argument("ts"), revised.Argument("ts"));
        Assert.Contains("Return 0 for an empty cart", ShownText(revised), StringComparison.Ordinal);
        Assert.Contains($"as <@{SlackRequests.Engineer}> asked", ShownText(revised), StringComparison.Ordinal);

        var request = app.OpenAI.CompletionRequests[^1].MessageTexts[1];
        Assert.Contains("ENGINEER REQUEST:\n" + Instruction, request.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches("<earlier_patch-[0-9a-f]{12}>", request);
        Assert.Contains("+        var percent = cart.Discount?.Percent ?? 0m;", request, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe@example.com", request, StringComparison.Ordinal);

        var second = await SingleFixAsync(app);
        Assert.Equal((1, FixStatus.Ready), (second.Revision, second.Status));
        Assert.Contains("+            return 0m;", second.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("Discount?.Percent", second.Patch, StringComparison.Ordinal);
        var uploads = app.Slack.Uploads;
        Assert.Equal(2, uploads.Count);
        Assert.True(uploads[0].Deleted);
        Assert.False(uploads[1].Deleted);
        Assert.Equal(second.PatchFileId, uploads[1].FileId);
        Assert.Equal(second.Patch, Encoding.UTF8.GetString(uploads[1].Bytes!.Value.Span));
        Assert.EndsWith("-r1.patch", uploads[1].Filename, StringComparison.Ordinal);
        Assert.Single(app.Slack.Calls("chat.postMessage"), m => m.Argument("thread_ts") == thread && m.Argument("text")!.Contains("Writing a fix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviseSubmission_WithoutWords_KeepsTheModalOpenWithAReason()
    {
        await using var app = await StartHostedAsync();
        await ProposeFixAsync(app);
        var fix = await SingleFixAsync(app);

        using var client = app.CreateClient();
        using var submit = SlackRequests.ViewSubmission(FixActions.ReviseModal, Number((int)fix.Id), FixActions.ReviseInputBlock, FixActions.ReviseInputAction, "   ", AppFixture.SigningSecret);
        using var response = await client.SendAsync(submit, Ct);

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.Contains("Say what should change", answer["errors"]![FixActions.ReviseInputBlock]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.Single(await db.Jobs.AsNoTracking().Where(j => j.Kind == FixJobHandler.Kind).ToListAsync(Ct));
    }

    [Fact]
    public async Task FollowUpMention_AskingToChangeTheFix_RevisesItInsteadOfStartingATriage()
    {
        await using var app = await StartHostedAsync();
        var (thread, fix) = await ProposeFixAsync(app);

        app.OpenAI.EnqueueCompletion(RevisedFix);
        await app.MentionAsync(null, "please change the fix: " + Instruction, thread: thread);
        var revised = await WaitForFixMessageAsync(app, "revision 1", fix);

        Assert.Equal(fix.Argument("ts"), revised.Argument("ts"));
        Assert.Contains(Instruction, app.OpenAI.CompletionRequests[^1].MessageTexts[1], StringComparison.Ordinal);
        Assert.Contains("<earlier_patch-", app.OpenAI.CompletionRequests[^1].MessageTexts[1], StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.Single(await db.Triages.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(3, app.OpenAI.CompletionRequests.Count);
    }

    [Fact]
    public async Task FollowUpMention_ThatIsAQuestion_StaysATriage()
    {
        await using var app = await StartHostedAsync();
        var (thread, _) = await ProposeFixAsync(app);

        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson());
        await app.MentionAsync(null, "does this happen on mobile as well?", thread: thread);
        await WaitForStatusAsyncCount(app, 2);

        await using var db = app.Db();
        Assert.Equal(2, await db.Triages.CountAsync(Ct));
        Assert.Equal(0, (await SingleFixAsync(app)).Revision);
    }

    [Fact]
    public async Task Discard_MarksTheFixDiscarded_AndTheMessageLosesItsButtons()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);

        var (took, _) = await ClickAsync(app, FixActions.Discard, Number((int)(await SingleFixAsync(app)).Id), messageTs: fix.Argument("ts"));
        Assert.True(took < TimeSpan.FromSeconds(3));
        var discarded = await WaitForFixMessageAsync(app, ":wastebasket:", fix);

        Assert.Contains($"Discarded by <@{SlackRequests.Engineer}>", ShownText(discarded), StringComparison.Ordinal);
        Assert.Empty(ActionIds(discarded));
        Assert.Contains("Treat a missing discount", ShownText(discarded), StringComparison.Ordinal);
        var stored = await SingleFixAsync(app);
        Assert.Equal((FixStatus.Discarded, SlackRequests.Engineer), (stored.Status, stored.DiscardedBy));

        var (_, clicked) = await ClickAsync(app, FixActions.OpenPullRequest, Number((int)stored.Id));
        Assert.Contains("was discarded", (await WaitForReplyAsync(app, clicked)).Argument("text"), StringComparison.Ordinal);
        Assert.Empty(ApiWrites(app));
    }

    [Fact]
    public async Task ReviseOrDiscard_BySomeoneNotOnTheList_IsRefusedOnlyToThem()
    {
        await using var app = await StartHostedAsync();
        await ProposeFixAsync(app);
        var id = Number((int)(await SingleFixAsync(app)).Id);

        var (_, revise) = await ClickAsync(app, FixActions.Revise, id, user: "U0INTRUDER");
        var (_, discard) = await ClickAsync(app, FixActions.Discard, id, user: "U0INTRUDER");

        Assert.Contains("may revise fixes", (await WaitForReplyAsync(app, revise)).Argument("text"), StringComparison.Ordinal);
        Assert.Contains("may discard fixes", (await WaitForReplyAsync(app, discard)).Argument("text"), StringComparison.Ordinal);
        Assert.Empty(app.Slack.Calls("views.open"));
        Assert.Equal(FixStatus.Ready, (await SingleFixAsync(app)).Status);
    }

    private static async Task WaitForStatusAsyncCount(AppFixture app, int completed)
    {
        var until = DateTime.UtcNow + TriageAnswers.Wait;
        while (true)
        {
            await using var db = app.Db();
            if (await db.Triages.CountAsync(t => t.Status == TriageStatus.Completed, Ct) >= completed)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, "the follow-up triage did not complete");
            await Task.Delay(50, Ct);
        }
    }
}
