using System.Text.RegularExpressions;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Triage;

/// <summary>
/// A mention of the bot (or a direct message to it) asks for a triage of the thread it is in. Thin by design: parse,
/// check who is asking, record the triage and its job, return. The work happens in <see cref="TriageJobHandler"/>.
/// </summary>
public sealed partial class MentionHandler(TriageQueue queue, SlackAccess access, SlackApiClient slack) : ISlackEventHandler
{
    public const string DiagnosePermission = "Diagnose";

    public IReadOnlyCollection<string> EventTypes { get; } = ["app_mention", "message"];

    public bool Accepts(SlackEventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evt = context.Event;
        if (evt.User is null || evt.Channel is null || evt.Ts is null)
        {
            return false;
        }

        // app_mention is the mention itself; a message event carries the same mention when the app also subscribes
        // to message.channels (deduplicated on channel + ts), and in a direct message every message is a request.
        return evt.Type == "app_mention" || evt.ChannelType == "im" || context.MentionsBot;
    }

    public async Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evt = context.Event;
        if (!await access.IsAllowedAsync(DiagnosePermission, evt.User!, emptyMeansEveryone: true, cancellationToken))
        {
            await slack.PostEphemeralAsync(evt.Channel!, evt.User!, "Sorry, you are not on the list of people who may ask me for a diagnosis here.", threadTs: evt.ThreadTs, cancellationToken: cancellationToken);
            return;
        }

        var repository = RepositoryArgument().Match(evt.Text ?? string.Empty) is { Success: true } match ? match.Groups["repo"].Value : null;
        await queue.EnqueueAsync(
            new SlackTriageRequest(context.Envelope.TeamId ?? evt.Team, evt.Channel!, evt.ReplyThreadTs!, evt.Ts!, evt.User!) { Repository = repository },
            cancellationToken);
    }

    [GeneratedRegex(@"\brepo=(?<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)")]
    private static partial Regex RepositoryArgument();
}
