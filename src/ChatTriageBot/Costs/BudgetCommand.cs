using System.Globalization;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Costs;

/// <summary><c>/triage budget</c>: every cap that applies here and to you, what is spent and left, and when it resets.</summary>
internal sealed class BudgetCommand(Budget budget, IOptions<CostsOptions> options) : ISlackSubcommand
{
    public const string Word = "budget";

    public string Command => SlashCommands.Triage;

    public string Name => Word;

    public IReadOnlyList<SlackSubcommandUsage> Usage { get; } =
    [
        new(Word, "the spending caps that apply here and to you: spent, what remains, and when each resets.", Word),
    ];

    public async Task<SlackCommandReply> HandleAsync(SlashCommand command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count > 0)
        {
            return new SlackCommandReply(SlackCommandHelp.UsageOf(this));
        }

        var caps = await budget.CapsAsync(command.ChannelId, command.UserId, cancellationToken);
        if (caps.Count == 0)
        {
            return new SlackCommandReply(
                "No spending cap is set, so every model call goes ahead. Set caps in US dollars with Costs__DailyCap, Costs__MonthlyCap, "
                + "Costs__ChannelDailyCap, Costs__ChannelMonthlyCap, Costs__UserDailyCap or Costs__UserMonthlyCap.");
        }

        var zone = options.Value.Zone;
        var lines = caps.Select(c => "• " + Mrkdwn.Escape(CostReportFormat.Cap(c, zone.Id)));
        var warn = options.Value.WarnShare >= 1
            ? "Calls go ahead without asking until a cap would be passed."
            : string.Create(CultureInfo.InvariantCulture, $"Above {options.Value.WarnShare * 100:0}% of a cap, a call waits for someone to click Approve.");
        var text = $"*Spending caps* ({Mrkdwn.Escape(zone.Id)})\n{string.Join('\n', lines)}\n{warn}";
        var message = new SlackMessageBuilder("budget").Add(new SectionBlock(text)).WithFallbackText("Spending caps").Build();
        return new SlackCommandReply(message.FallbackText) { Blocks = message.Blocks };
    }
}
