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
        await using var app = await new AppFixture().StartAsync();
        var longRootCause = string.Join('\n', Enumerable.Range(1, 60).Select(i => $"Step {i}: " + new string('x', 2800)));
        var diagnosis = JsonNode.Parse(SampleShop.DiagnosisJson())!.AsObject();
        diagnosis["root_cause"] = longRootCause + "\nTHE END";
        app.OpenAI.EnqueueCompletion(diagnosis.ToJsonString(), promptTokens: 3000, completionTokens: 900);

        var (thread, _) = await app.MentionAsync(SampleShop.CustomerReport, "why?");
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
