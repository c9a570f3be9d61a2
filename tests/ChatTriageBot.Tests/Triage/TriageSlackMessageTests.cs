using System.Text.Json.Nodes;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Tests.Triage;

public sealed class TriageSlackMessageTests
{
    private const string Sha = "3f2c9e1a7b0d4c5e6f708192a3b4c5d6e7f80912";

    [Fact]
    public void Render_Diagnosis_LinksEvidenceToThePinnedCommitAndStaysWithinSlackLimits()
    {
        var message = TriageSlackMessage.Render(Report(Diagnosis()));

        Assert.Empty(BlockKitValidator.Validate(message.Blocks, message.FallbackText));
        var text = AllText(message.Blocks);
        Assert.Contains($"<https://github.com/acme/shop/blob/{Sha}/src/Cart.cs#L14-L15|src/Cart.cs:14-15>", text, StringComparison.Ordinal);
        Assert.Contains("acme/shop@3f2c9e1a7b · gpt-4.1-mini · 2,400 in / 310 out", text, StringComparison.Ordinal);
        Assert.Equal("Diagnosis: Total dereferences a null discount.", message.FallbackText);
        Assert.False(message.Truncated);
    }

    [Fact]
    public void Render_ModelTextWithSlackControlSequences_IsEscaped()
    {
        var message = TriageSlackMessage.Render(Report(Diagnosis() with { RootCause = "<!here> <@U123> & <https://evil.example|click>" }));

        var text = AllText(message.Blocks);
        Assert.Contains("&lt;!here&gt; &lt;@U123&gt; &amp; &lt;https://evil.example|click&gt;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RootCauseLongerThanAMessageCanHold_IsCutVisiblyAndReportedAsTruncated()
    {
        var message = TriageSlackMessage.Render(Report(Diagnosis() with { RootCause = string.Join('\n', Enumerable.Repeat(new string('x', 2900), 60)) }));

        Assert.True(message.Truncated);
        Assert.Empty(BlockKitValidator.Validate(message.Blocks, message.FallbackText));
        Assert.Contains("(truncated)", AllText(message.Blocks), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Offline_ListsTheMostRelevantFilesWithWhy()
    {
        var report = Report(null) with
        {
            Note = TriagePipeline.OfflineNote,
            Files = [new LocatedFile("src/Cart.cs", 4.2, [[10, 20]], ["stack frame line 14"])],
        };

        var message = TriageSlackMessage.Render(report);

        var text = AllText(message.Blocks);
        Assert.Contains("No model is configured", text, StringComparison.Ordinal);
        Assert.Contains($"/blob/{Sha}/src/Cart.cs#L10-L20|src/Cart.cs:10-20> (stack frame line 14)", text, StringComparison.Ordinal);
        Assert.Equal("Most relevant code: src/Cart.cs", message.FallbackText);
    }

    [Fact]
    public void Render_WithAnotherFeaturesButtons_ShowsThemBeforeTheTriagesOwn()
    {
        var contributed = new ButtonElement("Do more", "other_feature_more") { Value = "42" };

        var message = TriageSlackMessage.Render(Report(Diagnosis()), new TriageButtons(42, [contributed]));

        Assert.Empty(BlockKitValidator.Validate(message.Blocks, message.FallbackText));
        var buttons = message.Blocks.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();
        Assert.Equal(
            ["other_feature_more", "triage_helpful", "triage_not_helpful", "triage_what_was_sent", "triage_customer_reply"],
            buttons.Select(b => (string?)b!["action_id"]));
        Assert.All(buttons, b => Assert.Equal("42", (string?)b!["value"]));
    }

    private static Diagnosis Diagnosis() => new()
    {
        Summary = "Total dereferences a null discount.",
        Kind = "bug",
        Severity = "high",
        Component = "checkout",
        RootCause = "cart.Discount is null for empty carts.",
        Evidence = [new Evidence("src/Cart.cs", 14, 15, "null-forgiving dereference")],
        Confidence = 0.8,
        Fixability = 0.9,
        NextSteps = ["Treat a missing discount as zero."],
        QuestionsForReporter = [],
        CustomerReply = "We are on it.",
    };

    private static TriageReport Report(Diagnosis? diagnosis) => new()
    {
        Repository = "/srv/shop",
        RepositoryName = "acme/shop",
        Commit = Sha,
        References = new ReferenceSummary([], 0, [], [], [], []),
        Files = [],
        Context = new PackedContext(Sha, 16000, 0, [], []),
        Diagnosis = diagnosis,
        Usage = diagnosis is null ? null : new ModelUsage("gpt-4.1-mini", 2400, 0, 310, 1200),
        ElapsedMs = 7900,
    };

    private static string AllText(JsonArray blocks) => blocks.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
