using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// <c>/triage auto on|off</c>: in this support channel, triage every new top-level request without a mention (within
/// the caps and the similar-request check, in the same one-message thread flow). Off by default; only people allowed
/// to click <b>Generate fix</b> (<c>Access__GenerateFix</c>) may switch it.
/// </summary>
internal sealed class AutoCommand(
    SupportChannels channels,
    SlackAccess access,
    IDbContextFactory<TriageDbContext> databases,
    TimeProvider timeProvider,
    ILogger<AutoCommand> logger) : ISlackSubcommand
{
    public const string Word = "auto";

    /// <summary>Who may switch auto triage: the people listed in <c>Access__GenerateFix</c> (the list Generate fix reads too).</summary>
    public const string Permission = "GenerateFix";

    public string Command => SlashCommands.Triage;

    public string Name => Word;

    public IReadOnlyList<SlackSubcommandUsage> Usage { get; } =
    [
        new($"{Word} on|off", "in this support channel, triage every new request without a mention (off by default; people allowed to click Generate fix only).", $"{Word} on"),
    ];

    public async Task<SlackCommandReply> HandleAsync(SlashCommand command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        if (command.ChannelId is not { } channel)
        {
            return new SlackCommandReply("Run this in the support channel you want to switch.");
        }

        if (arguments is [])
        {
            return new SlackCommandReply(await IsOnAsync(channel, cancellationToken)
                ? "Auto triage is *on* here: I triage every new request without a mention. `/triage auto off` stops it."
                : "Auto triage is *off* here: I triage when someone mentions me. `/triage auto on` makes me triage every new request.");
        }

        if (arguments is not [var word] || word.ToLowerInvariant() is not ("on" or "off"))
        {
            return new SlackCommandReply(SlackCommandHelp.UsageOf(this));
        }

        var on = word.Equals("on", StringComparison.OrdinalIgnoreCase);
        if (!await access.IsAllowedAsync(Permission, command.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            return new SlackCommandReply("Sorry, only people allowed to click *Generate fix* (Access__GenerateFix) may switch auto triage.");
        }

        if (!channels.Contains(channel))
        {
            return new SlackCommandReply(
                "This is not a support channel I read: add its id to Intake__Channels__N (or to a repository's Repos__N__Channels__M) and invite me, then switch auto triage on.");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var setting = await db.ChannelSettings.FirstOrDefaultAsync(c => c.Channel == channel, cancellationToken);
        if (setting is null)
        {
            setting = new ChannelSettingRecord { Channel = channel };
            db.ChannelSettings.Add(setting);
        }

        setting.AutoTriage = on;
        setting.UpdatedBy = command.UserId;
        setting.UpdatedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        TriageLog.AutoTriageSet(logger, channel, on ? "on" : "off", command.UserId);
        return new SlackCommandReply(on
            ? "Auto triage is now *on* here: I triage every new request in this channel without a mention, within the spending caps, and offer an earlier diagnosis first when one is very alike."
            : "Auto triage is now *off* here: I triage when someone mentions me.");
    }

    private async Task<bool> IsOnAsync(string channel, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ChannelSettings.AsNoTracking().AnyAsync(c => c.Channel == channel && c.AutoTriage, cancellationToken);
    }
}
