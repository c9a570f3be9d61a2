using ChatTriageBot.Digest;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Costs;

namespace ChatTriageBot.Tests.Digest;

/// <summary>A week's digest composed from a seeded database, with the week's bounds in the digest's time zone.</summary>
public sealed class DigestComposerTests
{
    // ISO week 2026-W47 is Mon 16 to Sun 22 Nov; in Berlin (+01:00) it runs from 23:00 UTC on the 15th to 23:00 UTC on the 22nd.
    private static readonly DateTimeOffset WeekStart = new(2026, 11, 15, 23, 0, 0, TimeSpan.Zero);
    private static readonly DigestWeek Week = new(2026, 47);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheWeek_IsCountedFromTheDatabase_RequestsAgainstTriagesOutcomesSpendAndTheTopLists()
    {
        await using var ledger = await LedgerServices.StartAsync(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), new() { ["Digest:TimeZone"] = "Europe/Berlin" });
        var day = WeekStart.AddHours(12);
        await ledger.RequestAsync("C1", "1763300000.000100", WeekStart);
        await ledger.RequestAsync("C1", "1763300000.000200", day);
        await ledger.RequestAsync("C1", "1763300000.000300", day.AddDays(5));
        await ledger.RequestAsync("C2", "1763300000.000400", day.AddDays(1));
        await ledger.RequestAsync("C1", "1763200000.000100", WeekStart.AddSeconds(-1));

        var t1 = await ledger.TriageAsync(day, channel: "C1", threadTs: "1763300000.000100", kind: "bug", severity: "high", answerMs: 5_000, blamed: ["src/Cart.cs", "src/Order.cs"]);
        var t2 = await ledger.TriageAsync(day, channel: "C1", threadTs: "1763300000.000200", kind: "question", severity: "low", answerMs: 120_000, blamed: ["src/Cart.cs"]);
        var t3 = await ledger.TriageAsync(day.AddDays(2), channel: "C2", repository: "acme/api", kind: "bug", severity: "high", answerMs: 2_000, blamed: ["src/Cart.cs"]);
        await ledger.TriageAsync(day.AddDays(3), TriageStatus.Failed, channel: "C1");
        await ledger.TriageAsync(WeekStart.AddHours(-2), channel: "C1", kind: "bug", severity: "critical", answerMs: 999_999, blamed: ["src/Old.cs"]);

        await ledger.FixAsync(t1, day, opened: day.AddDays(1), merged: day.AddDays(2), touchedBlamed: true);
        await ledger.FixAsync(t2, day, opened: day.AddDays(1), closed: day.AddDays(3));
        await ledger.FixAsync(t3, day, FixStatus.Failed);
        await ledger.FeedbackAsync(t1, "U1", helpful: true, day);
        await ledger.FeedbackAsync(t1, "U2", helpful: true, day);
        await ledger.FeedbackAsync(t2, "U1", helpful: false, day);
        await ledger.FeedbackAsync(t3, "U1", helpful: false, WeekStart.AddDays(-2));

        await ledger.SpendAsync(day, 300_000, triageId: t1, input: 3000, output: 300);
        await ledger.SpendAsync(day, 100_000, triageId: t2);
        await ledger.SpendAsync(day.AddDays(2), 50_000, triageId: t3);
        await ledger.SpendAsync(day.AddDays(2), 10_000);
        await ledger.SpendAsync(WeekStart.AddDays(-3), 230_000);

        var digest = await ledger.Get<DigestComposer>().ComposeAsync(Week, Ct);

        Assert.Equal((WeekStart, WeekStart.AddDays(7)), (digest.From, digest.To));
        Assert.Equal([new DigestChannel("C1", 3, 2, 3), new DigestChannel("C2", 1, 0, 1)], digest.Channels);
        Assert.Equal((4, 2), (digest.Received, digest.ReceivedTriaged));
        Assert.Equal(4, digest.Triages);
        Assert.Equal([new DigestCount("bug", 2), new DigestCount("question", 1)], digest.ByKind);
        Assert.Equal([new DigestCount("high", 2), new DigestCount("low", 1)], digest.BySeverity);
        Assert.Equal([new DigestCount("acme/shop", 3), new DigestCount("acme/api", 1)], digest.ByRepository);
        Assert.Equal((2, 2, 1, 1), (digest.Fixes, digest.PullRequestsOpened, digest.PullRequestsMerged, digest.PullRequestsClosed));
        Assert.Equal((1, 1), (digest.MergedTouchingBlamed, digest.MergedChecked));
        Assert.Equal((2, 1), (digest.Helpful, digest.NotHelpful));
        Assert.Equal((460_000L, 4L, 6_000L), (digest.Spend.CostMicros, digest.Spend.Calls, digest.Spend.InputTokens));
        Assert.Equal(230_000, digest.PreviousCostMicros);
        Assert.Equal(0.46m, digest.CostPerResolvedUsd);
        Assert.Equal([(t1, 300_000L), (t2, 100_000L), (t3, 50_000L)], digest.MostExpensive.Select(t => (t.TriageId, t.CostMicros)));
        Assert.Equal(("C1", "1763300000.000100"), (digest.MostExpensive[0].Channel, digest.MostExpensive[0].ThreadTs));
        Assert.Equal([(t2, 120_000L), (t1, 5_000L), (t3, 2_000L)], digest.Slowest.Select(t => (t.TriageId, t.AnswerMs!.Value)));
        Assert.Equal(
            [new DigestBlamedFile("acme/shop", "src/Cart.cs", 2), new DigestBlamedFile("acme/api", "src/Cart.cs", 1), new DigestBlamedFile("acme/shop", "src/Order.cs", 1)],
            digest.MostBlamed);

        Assert.Equal(28, digest.Days.Count);
        Assert.Equal((new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 22)), (digest.Days[0].Date, digest.Days[^1].Date));
        var monday = digest.Days.Single(d => d.Date == new DateOnly(2026, 11, 16));
        Assert.Equal((400_000L, 2), (monday.CostMicros, monday.Triages));
        Assert.Equal(230_000, digest.Days.Single(d => d.Date == new DateOnly(2026, 11, 13)).CostMicros);
        Assert.Equal(460_000 + 230_000, digest.Days.Sum(d => d.CostMicros));

        var text = DigestFormat.Text(digest);
        Assert.StartsWith("Weekly triage digest, 2026-W47: Mon 16 Nov to Sun 22 Nov 2026", text, StringComparison.Ordinal);
        Assert.Contains("4 received in support channels, 2 of them triaged (50%); 4 triage(s) in all", text, StringComparison.Ordinal);
        Assert.Contains("- C1: 3 received, 2 triaged; 3 triage(s) in all", text, StringComparison.Ordinal);
        Assert.Contains("By kind: bug 2, question 1", text, StringComparison.Ordinal);
        Assert.Contains("2 fix(es) written; pull requests: 2 opened, 1 merged, 1 closed unmerged", text, StringComparison.Ordinal);
        Assert.Contains("1 of 1 merged fix(es) touched a file the diagnosis blamed (100%)", text, StringComparison.Ordinal);
        Assert.Contains("Feedback: 2 helpful, 1 not helpful", text, StringComparison.Ordinal);
        Assert.Contains("$0.46 in 4 model call(s), +100% against the week before ($0.23)", text, StringComparison.Ordinal);
        Assert.Contains("$0.46 per resolved ticket", text, StringComparison.Ordinal);
        Assert.Contains($"- triage {t2} (acme/shop) in C1, thread 1763300000.000200: 2 min 0 s to the answer", text, StringComparison.Ordinal);
        Assert.Contains("- acme/shop: src/Cart.cs in 2 triage(s)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("src/Old.cs", text, StringComparison.Ordinal);

        var slack = DigestFormat.Slack(digest, new Uri("https://acme.slack.com/"));
        var blocks = Costs.CostCommandTests.Relaxed(slack.Blocks);
        Assert.Contains($"<https://acme.slack.com/archives/C1/p1763300000000100|triage {t1} (acme/shop)>: $0.30", blocks, StringComparison.Ordinal);
        Assert.Contains("<#C1>: 3 received, 2 triaged", blocks, StringComparison.Ordinal);
        Assert.Empty(ChatTriageBot.Slack.BlockKit.BlockKitValidator.Validate(slack.Blocks, slack.FallbackText));
        var png = DigestChart.Render(digest);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Theory]
    [InlineData("2026-W47", 2026, 47)]
    [InlineData("2026-w7", 2026, 7)]
    [InlineData("2026-W53", 2026, 53)]
    public void AWeek_IsReadAsAnIsoWeek(string text, int year, int week)
    {
        Assert.True(DigestWeek.TryParse(text, out var parsed));
        Assert.Equal(new DigestWeek(year, week), parsed);
    }

    [Theory]
    [InlineData("2027-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-47")]
    [InlineData("W47")]
    public void AnythingElse_IsNotAWeek(string text) => Assert.False(DigestWeek.TryParse(text, out _));
}
