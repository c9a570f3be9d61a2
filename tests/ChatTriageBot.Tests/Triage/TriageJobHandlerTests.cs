using System.Text;
using System.Text.Json.Nodes;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Triage;

/// <summary>A mention through the real app: Slack (fake) → job → model (fake, through the OpenAI SDK) → thread.</summary>
public sealed class TriageJobHandlerTests
{
    [Fact]
    public async Task Mention_DiagnosisTooLongForOneMessage_IsCutVisiblyAndTheWholeReportIsUploadedToTheThread()
    {
        await using var app = new AppFixture();
        await app.InitializeAsync();
        using var client = app.CreateClient();
        var longRootCause = string.Join('\n', Enumerable.Range(1, 60).Select(i => $"Step {i}: " + new string('x', 2800)));
        var diagnosis = JsonNode.Parse(SampleShop.DiagnosisJson())!.AsObject();
        diagnosis["root_cause"] = longRootCause + "\nTHE END";
        app.OpenAI.EnqueueCompletion(diagnosis.ToJsonString(), promptTokens: 3000, completionTokens: 900);
        var thread = SlackRequests.NextTs();
        var mention = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, thread, SampleShop.CustomerReport, user: "U0CUSTOMER");
        app.Slack.AddMessage(SlackRequests.Channel, mention, $"<@{app.Slack.BotUserId}> why?", user: SlackRequests.Engineer, threadTs: thread);

        using var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, mention, thread)), AppFixture.SigningSecret);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var post = await app.Slack.WaitForAnswerAsync();
        var complete = await app.Slack.WaitForCallAsync("files.completeUploadExternal", timeout: TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("(truncated)", post.Argument("blocks"), StringComparison.Ordinal);
        Assert.DoesNotContain("THE END", post.Argument("blocks"), StringComparison.Ordinal);
        Assert.Equal(thread, complete.Argument("thread_ts"));
        var upload = Assert.Single(app.Slack.Uploads);
        Assert.True(upload.Completed);
        var report = Encoding.UTF8.GetString(upload.Bytes!.Value.Span);
        Assert.Contains("THE END", report, StringComparison.Ordinal);
        Assert.Contains("## Diagnosis", report, StringComparison.Ordinal);
    }
}
