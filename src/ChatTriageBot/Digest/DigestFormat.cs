using System.Globalization;
using System.Text;
using ChatTriageBot.Costs;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Digest;

/// <summary>
/// One <see cref="DigestContent"/> as people read it: a Slack message (with thread links when the workspace's address is
/// known) and plain text for <c>digest --dry-run</c>, the same facts in both.
/// </summary>
internal static class DigestFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Title(DigestContent digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var last = digest.Week.NextMonday.AddDays(-1);
        return $"Weekly triage digest, {digest.Week}: {digest.Week.Monday.ToString("ddd d MMM", Inv)} to {last.ToString("ddd d MMM yyyy", Inv)}";
    }

    /// <summary>The Slack message; <paramref name="workspace"/> (<c>https://team.slack.com/</c>) makes triages links to their threads.</summary>
    public static BlockKitMessage Slack(DigestContent digest, Uri? workspace)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var builder = new SlackMessageBuilder("digest").Add(new HeaderBlock(Title(digest)));
        foreach (var (title, lines) in Sections(digest, new SlackStyle(workspace)))
        {
            builder.AddLongText($"*{title}*\n{string.Join('\n', lines)}");
        }

        builder.Add(new ContextBlock(TextObject.Plain($"Days and weeks in {digest.TimeZone}. The chart shows daily spend and triages over the four weeks to {digest.Week.NextMonday.AddDays(-1).ToString("d MMM", Inv)}.")));
        return builder.WithFallbackText($"{Title(digest)}: {digest.Received} request(s) received, {digest.ReceivedTriaged} triaged; {Money.Usd(digest.Spend.CostMicros)} spent").Build();
    }

    /// <summary>The digest as plain text.</summary>
    public static string Text(DigestContent digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var text = new StringBuilder().AppendLine(Title(digest)).AppendLine(Inv, $"  (days and weeks in {digest.TimeZone})");
        foreach (var (title, lines) in Sections(digest, new PlainStyle()))
        {
            text.AppendLine().AppendLine(title);
            foreach (var line in lines)
            {
                text.AppendLine(Inv, $"  {line}");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static IEnumerable<(string Title, List<string> Lines)> Sections(DigestContent d, Style style)
    {
        var requests = new List<string>
        {
            string.Create(Inv, $"{d.Received:N0} received in support channels, {d.ReceivedTriaged:N0} of them triaged{Share(d.ReceivedTriaged, d.Received)}; {d.Triages:N0} triage(s) in all"),
        };
        requests.AddRange(d.Channels.Select(c => string.Create(Inv, $"{style.Bullet}{style.Channel(c.Channel)}: {c.Received:N0} received, {c.ReceivedTriaged:N0} triaged; {c.Triages:N0} triage(s) in all")));
        yield return ("Requests", requests);

        yield return ("Triages",
        [
            $"By kind: {Counts(d.ByKind, style)}",
            $"By severity: {Counts(d.BySeverity, style)}",
            $"By repository: {Counts(d.ByRepository, style)}",
        ]);

        var outcomes = new List<string>
        {
            string.Create(Inv, $"{d.Fixes:N0} fix(es) written; pull requests: {d.PullRequestsOpened:N0} opened, {d.PullRequestsMerged:N0} merged, {d.PullRequestsClosed:N0} closed unmerged"),
            d.MergedChecked == 0
                ? "No merged fix was checked against the files its diagnosis blamed."
                : string.Create(Inv, $"{d.MergedTouchingBlamed:N0} of {d.MergedChecked:N0} merged fix(es) touched a file the diagnosis blamed{Share(d.MergedTouchingBlamed, d.MergedChecked)}"),
            string.Create(Inv, $"Feedback: {d.Helpful:N0} helpful, {d.NotHelpful:N0} not helpful"),
        };
        yield return ("Outcomes", outcomes);

        var change = d.PreviousCostMicros == 0
            ? "nothing was spent the week before"
            : string.Create(Inv, $"{(d.Spend.CostMicros >= d.PreviousCostMicros ? "+" : string.Empty)}{(double)(d.Spend.CostMicros - d.PreviousCostMicros) / d.PreviousCostMicros * 100:0.#}% against the week before ({Money.Usd(d.PreviousCostMicros)})");
        yield return ("Spend",
        [
            string.Create(Inv, $"{Money.Usd(d.Spend.CostMicros)} in {d.Spend.Calls:N0} model call(s), {change}"),
            string.Create(Inv, $"{(d.CostPerResolvedUsd is { } r ? Money.Usd(r) : "n/a")} per resolved ticket (pull request merged); {d.Spend.InputTokens:N0} tokens in, {d.Spend.OutputTokens:N0} out"),
        ]);

        yield return ("Most expensive triages", d.MostExpensive.Count == 0
            ? ["none"]
            : [.. d.MostExpensive.Select(t => $"{style.Bullet}{style.Triage(t)}: {Money.Usd(t.CostMicros)}")]);
        yield return ("Slowest triages", d.Slowest.Count == 0
            ? ["none"]
            : [.. d.Slowest.Select(t => $"{style.Bullet}{style.Triage(t)}: {Duration(t.AnswerMs ?? 0)} to the answer")]);
        yield return ("Files most often blamed", d.MostBlamed.Count == 0
            ? ["none"]
            : [.. d.MostBlamed.Select(f => string.Create(Inv, $"{style.Bullet}{style.Code(f.Repository is null ? f.Path : $"{f.Repository}: {f.Path}")} in {f.Triages:N0} triage(s)"))]);
    }

    private static string Counts(IReadOnlyList<DigestCount> counts, Style style) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => string.Create(Inv, $"{style.Text(c.Name)} {c.Count:N0}")));

    private static string Share(int part, int whole) => whole == 0 ? string.Empty : string.Create(Inv, $" ({(double)part / whole * 100:0}%)");

    private static string Duration(long ms)
    {
        var span = TimeSpan.FromMilliseconds(ms);
        return span.TotalMinutes < 1 ? string.Create(Inv, $"{span.TotalSeconds:0.#} s")
            : span.TotalHours < 1 ? string.Create(Inv, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(Inv, $"{(int)span.TotalHours} h {span.Minutes} min");
    }

    /// <summary>How names and links are written: Slack markup, or plain text.</summary>
    private abstract class Style
    {
        public virtual string Bullet => "• ";

        public abstract string Channel(string channel);

        public abstract string Triage(DigestTriage triage);

        public abstract string Code(string text);

        public abstract string Text(string text);

        protected static string Describe(DigestTriage triage) => triage.Repository is null
            ? string.Create(Inv, $"triage {triage.TriageId}")
            : string.Create(Inv, $"triage {triage.TriageId} ({triage.Repository})");
    }

    private sealed class SlackStyle(Uri? workspace) : Style
    {
        public override string Channel(string channel) => $"<#{channel}>";

        public override string Triage(DigestTriage triage) =>
            workspace is not null && triage.Channel is not null && triage.ThreadTs is not null
                ? $"<{new Uri(workspace, $"archives/{triage.Channel}/p{triage.ThreadTs.Replace(".", string.Empty, StringComparison.Ordinal)}")}|{Mrkdwn.Escape(Describe(triage))}>"
                : Mrkdwn.Escape(Describe(triage)) + (triage.Channel is null ? string.Empty : $" in <#{triage.Channel}>");

        public override string Code(string text) => $"`{Mrkdwn.Escape(text)}`";

        public override string Text(string text) => Mrkdwn.Escape(text);
    }

    private sealed class PlainStyle : Style
    {
        public override string Bullet => "- ";

        public override string Channel(string channel) => channel;

        public override string Triage(DigestTriage triage) =>
            Describe(triage) + (triage.Channel is null ? string.Empty : $" in {triage.Channel}, thread {triage.ThreadTs}");

        public override string Code(string text) => text;

        public override string Text(string text) => text;
    }
}
