using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Triage;

/// <summary>Spending caps in the thread, through the real app: a refusal makes no model call; a warning asks first.</summary>
public sealed class SpendingCapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OverTheChannelsDailyCap_ThePoliteAnswerIsGiven_AndTheModelIsNotCalled()
    {
        await using var app = await new AppFixture().With("Costs:ChannelDailyCap", "1.00").StartAsync();
        await SpendAsync(app, 0.999m);

        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        var answer = await app.Slack.WaitForAnswerAsync();

        Assert.Contains("Sorry, I did not ask the model", answer.Shown(), StringComparison.Ordinal);
        Assert.Contains("this channel's daily spending cap of $1.00 is nearly used up ($1.00 spent)", answer.Shown(), StringComparison.Ordinal);
        Assert.Empty(app.OpenAI.CompletionRequests);
        await app.WaitForStatusAsync(TriageStatus.OverBudget);
        Assert.Empty(answer.Buttons());
    }

    [Fact]
    public async Task AboveTheWarningShare_AsksForApproval_AndTheApprovedCallIsMadeOnceAndRecordedWithItsCost()
    {
        await using var app = await new AppFixture().With("Costs:DailyCap", "1.00").StartAsync();
        await SpendAsync(app, 0.90m);
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2400, completionTokens: 380);

        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        var ask = await app.Slack.WaitForAnswerAsync();
        Assert.Contains("brings the team's daily spending to 9", ask.Shown(), StringComparison.Ordinal);
        Assert.Contains("Approve to go ahead.", ask.Shown(), StringComparison.Ordinal);
        Assert.Empty(app.OpenAI.CompletionRequests);
        await app.WaitForStatusAsync(TriageStatus.AwaitingApproval);

        await app.ClickAsync(ask, "triage_approve_spend");
        await app.ClickAsync(ask, "triage_approve_spend");
        var answer = await app.Slack.WaitForAnswerAsync(c => c.Request.Sequence > ask.Request.Sequence);
        Assert.Contains("CartService.Total dereferences Cart.Discount", answer.Shown(), StringComparison.Ordinal);
        Assert.Contains("2,400 in / 380 out \\u00B7 $0.0016", answer.Shown(), StringComparison.Ordinal);
        await app.WaitForStatusAsync(TriageStatus.Completed);
        Assert.Single(app.OpenAI.CompletionRequests);
        await using var db = app.Db();
        var recorded = await db.ModelUsage.Where(u => u.TriageId != null).SingleAsync(Ct);
        Assert.Equal(0.001568m, recorded.Cost);
    }

    private static async Task SpendAsync(AppFixture app, decimal cost)
    {
        await using var db = app.Db();
        db.ModelUsage.Add(new ModelUsageRecord
        {
            Purpose = "diagnosis", Model = "gpt-4.1-mini", Cost = cost, UserId = "U0SOMEONE", Channel = SlackRequests.Channel, CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
    }
}
