using System.Globalization;
using System.Text;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Costs;

/// <summary>
/// One <see cref="CostReport"/> as people read it: Block Kit for <c>/triage cost</c> and plain text for the <c>cost</c>
/// verb, the same lines in both.
/// </summary>
internal static class CostReportFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Headline(CostReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"Model spend, {report.Period}: {Money.Usd(report.Total.CostMicros)}";
    }

    /// <summary>The report as plain text (the command line).</summary>
    public static string Text(CostReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(Headline(report));
        text.AppendLine(Inv, $"  {Span(report)}");
        foreach (var (label, value) in Lines(report))
        {
            text.AppendLine(Inv, $"{label,-12}{value}");
        }

        if (report.By != CostBreakdown.None)
        {
            text.AppendLine(Inv, $"By {CostBreakdowns.Noun(report.By)}");
            var rows = report.Rows.Select(r => (Name: r.Key ?? "(none)", Row: r)).ToList();
            if (report.Others is { } others)
            {
                rows.Add(("others", others));
            }

            var width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
            foreach (var (name, row) in rows)
            {
                text.AppendLine(Inv, $"  {name.PadRight(width)}  {Money.Usd(row.CostMicros),10}  {Row(row)}");
            }

            if (rows.Count == 0)
            {
                text.AppendLine("  (no calls)");
            }
        }

        if (report.Caps.Count > 0)
        {
            text.AppendLine("Caps");
            foreach (var cap in report.Caps)
            {
                text.AppendLine(Inv, $"  {Cap(cap, report.TimeZone)}");
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The report as an ephemeral Slack message.</summary>
    public static BlockKitMessage Slack(CostReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var builder = new SlackMessageBuilder("cost")
            .Add(new HeaderBlock(Headline(report)))
            .Add(new ContextBlock(TextObject.Plain(Span(report))))
            .Add(new SectionBlock(string.Join('\n', Lines(report).Select(l => $"*{l.Label}* {Mrkdwn.Escape(l.Value)}"))));
        if (report.By != CostBreakdown.None)
        {
            var lines = report.Rows.Select(r => $"• {Name(report.By, r.Key)}  *{Money.Usd(r.CostMicros)}*  {Mrkdwn.Escape(Row(r))}").ToList();
            if (report.Others is { } others)
            {
                lines.Add($"• others  *{Money.Usd(others.CostMicros)}*  {Mrkdwn.Escape(Row(others))}");
            }

            builder.AddLongText($"*By {CostBreakdowns.Noun(report.By)}*\n" + (lines.Count == 0 ? "_no calls_" : string.Join('\n', lines)));
        }

        if (report.Caps.Count > 0)
        {
            builder.Add(new SectionBlock("*Caps*\n" + string.Join('\n', report.Caps.Select(c => "• " + Mrkdwn.Escape(Cap(c, report.TimeZone))))));
        }

        return builder.WithFallbackText($"{Headline(report)} ({report.Total.Calls.ToString("N0", Inv)} calls)").Build();
    }

    /// <summary>One cap as a line: spent of cap (share), left, and when it resets.</summary>
    public static string Cap(CapStatus cap, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(cap);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return string.Create(Inv,
            $"{Capitalised(cap.Name)} cap: {Money.Usd(cap.Spent)} of {Money.Usd(cap.Cap)} ({cap.Share * 100:0}%), {Money.Usd(cap.Remaining)} left; resets {Budget.When(cap.Resets, zone)}");
    }

    private static IEnumerable<(string Label, string Value)> Lines(CostReport report)
    {
        var total = report.Total;
        yield return ("Change", report.ChangePercent is { } change
            ? string.Create(Inv, $"{(change >= 0 ? "+" : string.Empty)}{change:0.#}% against the same time before ({Money.Usd(report.PreviousCostMicros)})")
            : $"nothing was spent in the same time before");
        yield return ("Calls", total.UnpricedCalls == 0
            ? total.Calls.ToString("N0", Inv)
            : string.Create(Inv, $"{total.Calls:N0}, of which {total.UnpricedCalls:N0} at an unknown price (counted as $0; add it under Prices__Models)"));
        yield return ("Tokens", string.Create(Inv,
            $"{total.InputTokens:N0} in ({total.CachedInputTokens:N0} cached), {total.OutputTokens:N0} out ({total.ReasoningTokens:N0} reasoning)"));
        yield return ("Work", string.Create(Inv,
            $"{report.Triages:N0} triage(s), {report.Fixes:N0} fix(es), {report.PullRequestsOpened:N0} pull request(s) opened, {report.PullRequestsMerged:N0} merged"));
        yield return ("Per ticket", string.Create(Inv,
            $"{(report.CostPerTriageUsd is { } t ? Money.Usd(t) : "n/a")} a triage, {(report.CostPerResolvedUsd is { } r ? Money.Usd(r) : "n/a")} a resolved ticket (pull request merged)"));
        var month = report.Month;
        yield return ("Month", month.ProjectedUsd is { } projected
            ? $"{month.Month}: {Money.Usd(month.SpentUsd)} so far, about {Money.Usd(projected)} by its end at this rate"
            : $"{month.Month}: {Money.Usd(month.SpentUsd)} so far");
    }

    private static string Span(CostReport report)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(report.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy HH:mm", Inv);
        return $"{Local(report.From)} to {Local(report.To)} ({report.TimeZone})";
    }

    private static string Row(CostRow row) =>
        string.Create(Inv, $"{row.Calls:N0} call(s), {row.InputTokens:N0} in / {row.OutputTokens:N0} out");

    /// <summary>A breakdown key as Slack shows it: people and channels as mentions, the rest as text.</summary>
    private static string Name(CostBreakdown by, string? key) => key switch
    {
        null => "_(none)_",
        _ when by == CostBreakdown.User => $"<@{key}>",
        _ when by == CostBreakdown.Channel => $"<#{key}>",
        _ => $"`{Mrkdwn.Escape(key)}`",
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
