using ChatTriageBot.Slack;

namespace ChatTriageBot.Costs;

/// <summary>
/// <c>/triage cost [period] [by ...]</c>: the cost report, answered ephemerally in Slack's request from the database
/// (a few aggregate queries; nothing waits on Slack or the model). Malformed arguments get the usage text.
/// </summary>
internal sealed class CostCommand(CostReportService reports) : ISlackSubcommand
{
    public const string Word = "cost";

    public string Command => SlashCommands.Triage;

    public string Name => Word;

    public IReadOnlyList<SlackSubcommandUsage> Usage { get; } =
    [
        new($"{Word} [{CostPeriod.Syntax}] [by {CostBreakdowns.Syntax}]",
            $"model spend and tokens, what they bought (triages, fixes, pull requests, cost per resolved ticket), the change against the period before, the caps and the month's projection; {CostPeriod.Default} unless you say.",
            $"{Word} 7d by user"),
    ];

    public async Task<SlackCommandReply> HandleAsync(SlashCommand command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!TryParse(arguments, reports, out var period, out var by, out var problem))
        {
            return new SlackCommandReply($"{problem}\n{SlackCommandHelp.UsageOf(this)}");
        }

        var report = await reports.BuildAsync(period!, by, command.ChannelId, command.UserId, cancellationToken);
        var message = CostReportFormat.Slack(report);
        return new SlackCommandReply(message.FallbackText) { Blocks = message.Blocks };
    }

    /// <summary>Reads <c>[period] [by WORD]</c> in either order.</summary>
    internal static bool TryParse(IReadOnlyList<string> words, CostReportService reports, out CostPeriod? period, out CostBreakdown by, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(reports);
        period = null;
        by = CostBreakdown.None;
        problem = null;
        string? periodWord = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Equals("by", StringComparison.OrdinalIgnoreCase))
            {
                if (i + 1 >= words.Count || by != CostBreakdown.None || !CostBreakdowns.TryParse(words[i + 1], out by))
                {
                    problem = $"After `by`, give one of {CostBreakdowns.Syntax}.";
                    return false;
                }

                i++;
            }
            else if (periodWord is null)
            {
                periodWord = words[i];
            }
            else
            {
                problem = $"I did not understand `{Slack.BlockKit.Mrkdwn.Escape(words[i])}`.";
                return false;
            }
        }

        period = reports.Period(periodWord ?? CostPeriod.Default, out problem);
        return period is not null;
    }
}
