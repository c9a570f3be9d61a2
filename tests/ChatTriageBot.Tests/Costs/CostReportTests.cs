using ChatTriageBot.Costs;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;

namespace ChatTriageBot.Tests.Costs;

/// <summary>The cost report's sums, counts and breakdowns, from a seeded SQLite ledger, computed by the database.</summary>
public sealed class CostReportTests
{
    // Wed 25 Nov 2026, noon UTC: "7d" is Thu 19 Nov 00:00 to now; the period before is as long, ending where it starts.
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2026, 11, 19, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SevenDaysByUser_SumsTheLedger_ShowsTheTenLargestAndTheRest_AndComparesWithTheTimeBefore()
    {
        await using var ledger = await LedgerServices.StartAsync(Now, new() { ["Costs:DailyCap"] = "1.00" });
        for (var k = 1; k <= 12; k++)
        {
            await ledger.SpendAsync(Start.AddHours(k * 10), k * 1000, user: $"U{k:D2}", input: k * 1000, output: k * 100, cached: k * 10, reasoning: k);
        }

        await ledger.SpendAsync(Start.AddHours(5), 0, user: "U01", priced: false, input: 500, output: 50);
        await ledger.SpendAsync(Start.AddSeconds(-1), 50_000, user: "U01");
        await ledger.SpendAsync(Now.AddSeconds(1), 999_999, user: "U01");
        var merged = await ledger.TriageAsync(Start.AddDays(1));
        await ledger.FixAsync(merged, Start.AddDays(1), opened: Start.AddDays(2), merged: Start.AddDays(3));
        var open = await ledger.TriageAsync(Start.AddDays(2));
        await ledger.FixAsync(open, Start.AddDays(2), opened: Start.AddDays(3));
        await ledger.TriageAsync(Start.AddDays(3));
        await ledger.TriageAsync(Start.AddDays(4), TriageStatus.Failed);
        await ledger.TriageAsync(Start.AddDays(-1));

        var report = await BuildAsync(ledger, "7d", CostBreakdown.User);

        Assert.Equal((Start, Now), (report.From, report.To));
        Assert.Equal(new CostTotals(13, 1, 78_000, 78_500, 780, 7_850, 78), report.Total);
        Assert.Equal(50_000, report.PreviousCostMicros);
        Assert.Equal(56, report.ChangePercent);
        Assert.Equal((4, 2, 2, 1), (report.Triages, report.Fixes, report.PullRequestsOpened, report.PullRequestsMerged));
        Assert.Equal(0.0195m, report.CostPerTriageUsd);
        Assert.Equal(0.078m, report.CostPerResolvedUsd);
        Assert.Equal([.. Enumerable.Range(3, 10).Reverse().Select(k => $"U{k:D2}")], report.Rows.Select(r => r.Key));
        Assert.Equal(new CostRow("U12", 1, 12_000, 12_000, 1_200), report.Rows[0]);
        Assert.Equal(new CostRow(null, 3, 3_000, 3_500, 350), report.Others);
        // A cap counts everything since its day began, the call stamped after now included.
        var cap = Assert.Single(report.Caps);
        Assert.Equal(("the team's daily", 1.00m, 0.999999m), (cap.Name, cap.Cap, cap.Spent));

        // November so far: 1,127,999 millionths in 24.5 of its 30 days.
        Assert.Equal(1.127999m, report.Month.SpentUsd);
        Assert.Equal(1.38m, report.Month.ProjectedUsd);
    }

    [Fact]
    public async Task ByOutcome_SplitsSpendByWhatBecameOfEachTriage()
    {
        await using var ledger = await LedgerServices.StartAsync(Now);
        var resolved = await ledger.TriageAsync(Start.AddDays(1));
        await ledger.FixAsync(resolved, Start.AddDays(1), opened: Start.AddDays(1), merged: Start.AddDays(2));
        var open = await ledger.TriageAsync(Start.AddDays(1));
        await ledger.FixAsync(open, Start.AddDays(1), opened: Start.AddDays(1));
        var closed = await ledger.TriageAsync(Start.AddDays(1));
        await ledger.FixAsync(closed, Start.AddDays(1), opened: Start.AddDays(1), closed: Start.AddDays(2));
        var fixedOnly = await ledger.TriageAsync(Start.AddDays(1));
        await ledger.FixAsync(fixedOnly, Start.AddDays(1));
        var diagnosed = await ledger.TriageAsync(Start.AddDays(1));
        var failed = await ledger.TriageAsync(Start.AddDays(1), TriageStatus.OverBudget);
        long[] spent = [600, 500, 400, 300, 200, 100];
        foreach (var (triage, micros) in new[] { resolved, open, closed, fixedOnly, diagnosed, failed }.Zip(spent))
        {
            await ledger.SpendAsync(Start.AddDays(2), micros, triageId: triage);
        }

        await ledger.SpendAsync(Start.AddDays(2), 50);

        var report = await BuildAsync(ledger, "7d", CostBreakdown.Outcome);

        Assert.Equal(
            [
                (CostOutcomes.Resolved, 600L), (CostOutcomes.PullRequestOpen, 500L), (CostOutcomes.PullRequestClosed, 400L),
                (CostOutcomes.FixWritten, 300L), (CostOutcomes.Diagnosed, 200L), (CostOutcomes.Unfinished, 100L), (CostOutcomes.NoTriage, 50L),
            ],
            report.Rows.Select(r => (r.Key!, r.CostMicros)));
        Assert.Null(report.Others);
    }

    [Fact]
    public async Task TodayInBerlin_CountsWhatWasSpentAfterLocalMidnight_NotAfterUtcMidnight()
    {
        // 10:00 UTC on Sun 29 Mar 2026 (the night clocks went forward): Berlin's day began at 23:00 UTC the evening before.
        var now = new DateTimeOffset(2026, 3, 29, 10, 0, 0, TimeSpan.Zero);
        await using var ledger = await LedgerServices.StartAsync(now, new() { ["Costs:TimeZone"] = "Europe/Berlin" });
        await ledger.SpendAsync(new DateTimeOffset(2026, 3, 28, 22, 59, 59, TimeSpan.Zero), 1);
        await ledger.SpendAsync(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), 10);
        await ledger.SpendAsync(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero), 100);

        Assert.Equal(110, (await BuildAsync(ledger, "today", CostBreakdown.None)).Total.CostMicros);
        Assert.Equal(111, (await BuildAsync(ledger, "2026-03-28..2026-03-29", CostBreakdown.None)).Total.CostMicros);
        Assert.Equal(1, (await BuildAsync(ledger, "2026-03-28..2026-03-28", CostBreakdown.None)).Total.CostMicros);
    }

    [Fact]
    public async Task TheReport_ReadsTheSameAsTextAndInSlack_AndItsBlocksAreValid()
    {
        await using var ledger = await LedgerServices.StartAsync(Now, new() { ["Costs:MonthlyCap"] = "20" });
        await ledger.SpendAsync(Start.AddHours(1), 1_234_567, user: "U0ALICE", input: 2400, output: 380);
        await ledger.SpendAsync(Start.AddHours(2), 0, user: "U0BOB", model: "mystery", priced: false);

        var report = await BuildAsync(ledger, "7d", CostBreakdown.User);
        var text = CostReportFormat.Text(report);
        var slack = CostReportFormat.Slack(report);
        var shown = slack.FallbackText + slack.Blocks.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.StartsWith("Model spend, the last 7 days: $1.23", text, StringComparison.Ordinal);
        Assert.Contains("2, of which 1 at an unknown price", text, StringComparison.Ordinal);
        Assert.Contains("U0ALICE", text, StringComparison.Ordinal);
        Assert.Contains("The team's monthly cap: $1.23 of $20.00 (6%), $18.77 left; resets Tue 1 Dec 00:00", text, StringComparison.Ordinal);
        Assert.Contains("Model spend, the last 7 days: $1.23", shown, StringComparison.Ordinal);
        Assert.Contains("<@U0ALICE>", shown, StringComparison.Ordinal);
        Assert.Contains("3,400 in (0 cached), 480 out", shown, StringComparison.Ordinal);
        Assert.Empty(BlockKitValidator.Validate(slack.Blocks, slack.FallbackText));
    }

    private static async Task<CostReport> BuildAsync(LedgerServices ledger, string period, CostBreakdown by)
    {
        var reports = ledger.Get<CostReportService>();
        var parsed = reports.Period(period, out var problem) ?? throw new InvalidOperationException(problem);
        return await reports.BuildAsync(parsed, by, null, null, Ct);
    }
}
