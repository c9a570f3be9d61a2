using System.Text.RegularExpressions;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Triage;

/// <summary>
/// A mention of the bot (or a direct message to it) asks for a triage of the thread it is in. Thin by design: parse,
/// queue the triage's job (whose unique key is the delivery's claim), return. Who may ask is checked by the job
/// (<see cref="TriageJobHandler"/>), which also tells someone not allowed: the refusal talks to Slack, which nothing
/// inside Slack's request may wait on.
/// </summary>
internal sealed partial class MentionHandler(
    TriageQueue queue,
    IEnumerable<IThreadFollowUp> followUps) : ISlackClaimingEventHandler
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

    public Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken) =>
        HandleAndClaimAsync(context, [], cancellationToken);

    public async Task<bool> HandleAndClaimAsync(SlackEventContext context, IReadOnlyList<string> deliveryKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deliveryKeys);
        var evt = context.Event;
        if (evt.ThreadTs is { } thread && thread != evt.Ts)
        {
            // A follow-up in an answered thread may be another feature's (a change to a fix): it takes the mention
            // with a job keyed by the mention, which is the delivery's claim as the triage's would be.
            var mention = new ThreadMention(evt.Channel!, thread, evt.Ts!, evt.User!, Mentions().Replace(evt.Text ?? string.Empty, string.Empty).Trim());
            foreach (var followUp in followUps)
            {
                if (await followUp.TryTakeAsync(mention, cancellationToken) is { } taken)
                {
                    return taken;
                }
            }
        }

        var repository = RepositoryArgument().Match(evt.Text ?? string.Empty) is { Success: true } match ? match.Groups["repo"].Value : null;
        // The job's unique key is the mention (channel + ts), which every delivery of it carries, so queueing the job
        // is the delivery's claim (see TriageQueue).
        return await queue.EnqueueAsync(
            new SlackTriageRequest(context.Envelope.TeamId ?? evt.Team, evt.Channel!, evt.ReplyThreadTs!, evt.Ts!, evt.User!) { Repository = repository },
            cancellationToken);
    }

    [GeneratedRegex(@"<@[A-Z0-9]+(?:\|[^>]*)?>")]
    private static partial Regex Mentions();

    [GeneratedRegex(@"\brepo=(?<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)")]
    private static partial Regex RepositoryArgument();
}
