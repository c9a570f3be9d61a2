using System.Globalization;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// Support-channel intake: each new top-level message a person posts in a support channel (<see cref="SupportChannels"/>)
/// is recorded as a request received (channel, ts, author, time; never its text), once per channel + ts, so the digest
/// can say how many came in and how many were triaged. In a channel with auto mode on (<c>/triage auto on</c>) the
/// request is also queued for a triage without a mention, in the same transaction, so the record is the delivery's
/// claim for both. Edits, replies in threads, joins and other subtypes are not requests; neither is anything a bot posts.
/// </summary>
internal sealed class SupportRequestHandler(
    SupportChannels channels,
    IDbContextFactory<TriageDbContext> databases,
    TriageQueue queue,
    TimeProvider timeProvider,
    ILogger<SupportRequestHandler> logger) : ISlackClaimingEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["message"];

    public bool Accepts(SlackEventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evt = context.Event;
        // A message with a file attached (file_share) is a person's message too; every other subtype is not.
        return evt.Subtype is null or "file_share"
            && evt.Edited is null
            && evt.User is not null && evt.BotId is null
            && evt.Ts is not null && (evt.ThreadTs is null || evt.ThreadTs == evt.Ts)
            && evt.ChannelType is null or "channel" or "group"
            && channels.Contains(evt.Channel);
    }

    public Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken) =>
        HandleAndClaimAsync(context, [], cancellationToken);

    public async Task<bool> HandleAndClaimAsync(SlackEventContext context, IReadOnlyList<string> deliveryKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evt = context.Event;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = new SupportRequestRecord { Channel = evt.Channel!, Ts = evt.Ts!, UserId = evt.User, ReceivedAt = PostedAt(evt.Ts!) };
        var recorded = await FastInsert.InsertAsync(db, [request], [nameof(SupportRequestRecord.Ts)], cancellationToken);
        if (recorded.Count == 0)
        {
            // Seen before: a retried or repeated delivery of the same message.
            return false;
        }

        // A message that mentions the bot is triaged by the mention handler; in auto mode every other one is triaged here.
        var auto = !context.MentionsBot && await db.ChannelSettings.AsNoTracking().AnyAsync(c => c.Channel == request.Channel && c.AutoTriage, cancellationToken);
        if (auto)
        {
            await queue.QueueInAsync(db, new SlackTriageRequest(context.Envelope.TeamId ?? evt.Team, request.Channel, request.Ts, request.Ts, evt.User!), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        TriageLog.SupportRequestReceived(logger, request.Channel, request.Ts, auto);
        if (auto)
        {
            queue.Notify();
        }

        return true;
    }

    /// <summary>When the message was posted: its ts is seconds since 1970 (the delivery may come later).</summary>
    private DateTimeOffset PostedAt(string ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 100_000_000_000m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : timeProvider.GetUtcNow();
}
