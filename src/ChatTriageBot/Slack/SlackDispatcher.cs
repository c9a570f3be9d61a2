using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>
/// The one place inbound Slack traffic goes, whichever transport brought it (HTTP or Socket Mode): it drops what is
/// not for us (another app, our own messages, other bots unless allowed, noise subtypes), deduplicates deliveries
/// (event id, and channel + ts, because one mention arrives both as <c>app_mention</c> and as <c>message</c>), and
/// calls the handlers. A retried delivery is never dropped for being a retry: the first attempt may not have arrived.
/// </summary>
internal sealed class SlackDispatcher(
    IEnumerable<ISlackEventHandler> eventHandlers,
    IServiceProvider services,
    ISlackDeliveryLedger ledger,
    SlackIdentityProvider identity,
    SlackMetrics metrics,
    IOptions<SlackOptions> options,
    ILogger<SlackDispatcher> logger)
{
    private static readonly HashSet<string> NoiseSubtypes = new(StringComparer.Ordinal)
    {
        "message_deleted", "message_replied", "channel_join", "channel_leave", "channel_topic", "channel_purpose",
        "channel_name", "channel_archive", "channel_unarchive", "group_join", "group_leave", "ekm_access_denied",
        "pinned_item", "unpinned_item", "bot_message", "bot_add", "bot_remove",
    };

    /// <summary>What a clicker is told when the click's handler failed (the failure itself is logged).</summary>
    public const string FailedText = "Sorry, that did not work; please try again in a moment.";

    private readonly ILookup<string, ISlackEventHandler> _handlers = eventHandlers
        .SelectMany(h => h.EventTypes.Select(type => (type, h)))
        .ToLookup(x => x.type, x => x.h, StringComparer.Ordinal);

    public async Task<DispatchOutcome> DispatchEventAsync(SlackEventEnvelope envelope, int retryNum, CancellationToken cancellationToken)
    {
        var outcome = await DispatchEventCoreAsync(envelope, retryNum, cancellationToken);
        metrics.Event(outcome);
        return outcome;
    }

    private async Task<DispatchOutcome> DispatchEventCoreAsync(SlackEventEnvelope envelope, int retryNum, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Type == "app_rate_limited")
        {
            SlackLog.AppRateLimited(logger, envelope.TeamId ?? "?");
            return DispatchOutcome.Ignored;
        }

        if (envelope.Type != "event_callback" || envelope.Event.ValueKind != JsonValueKind.Object)
        {
            return Ignore(envelope, "not an event callback");
        }

        SlackEvent? parsed;
        try
        {
            parsed = envelope.Event.Deserialize(SlackJsonContext.Default.SlackEvent);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed is null)
        {
            return Ignore(envelope, "the inner event could not be read");
        }

        var evt = Effective(parsed with { Raw = envelope.Event });
        if (evt is null)
        {
            return Ignore(envelope, $"subtype {parsed.Subtype} is not acted on");
        }

        var slack = options.Value;
        if (slack.AppId is { Length: > 0 } appId && envelope.ApiAppId is { Length: > 0 } target && target != appId)
        {
            return Ignore(envelope, "addressed to another app");
        }

        var bot = identity.Current;
        if (IsFromUs(evt, bot, slack) || (evt.BotId is not null && !slack.RespondToOtherBots))
        {
            return Ignore(envelope, "posted by a bot");
        }

        var context = new SlackEventContext(envelope, evt, bot);
        var handlers = _handlers[evt.Type].Where(h => h.Accepts(context)).ToList();
        if (handlers.Count == 0)
        {
            return Ignore(envelope, $"no handler wants this {evt.Type}");
        }

        var keys = DedupeKeys(envelope, evt);
        if (handlers is [ISlackClaimingEventHandler claiming])
        {
            return await HandleClaimingAsync(claiming, context, keys, retryNum, cancellationToken);
        }

        bool claimed;
        try
        {
            claimed = await ledger.TryClaimAsync(keys, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Our storage is down: fail the delivery so Slack retries it later.
            SlackLog.EventFailed(logger, envelope.EventId, evt.Type, exception);
            return DispatchOutcome.Failed;
        }

        if (!claimed)
        {
            SlackLog.EventDuplicate(logger, envelope.EventId, retryNum);
            return DispatchOutcome.Duplicate;
        }

        try
        {
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(context, cancellationToken);
            }

            return DispatchOutcome.Handled;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlackLog.EventFailed(logger, envelope.EventId, evt.Type, exception);
            await ledger.ReleaseAsync(keys, CancellationToken.None);
            return DispatchOutcome.Failed;
        }
    }

    /// <summary>The one handler of the event claims the delivery with its own write (see <see cref="ISlackClaimingEventHandler"/>).</summary>
    private async Task<DispatchOutcome> HandleClaimingAsync(ISlackClaimingEventHandler handler, SlackEventContext context, List<string> keys, int retryNum, CancellationToken cancellationToken)
    {
        try
        {
            if (await handler.HandleAndClaimAsync(context, keys, cancellationToken))
            {
                return DispatchOutcome.Handled;
            }

            SlackLog.EventDuplicate(logger, context.Envelope.EventId, retryNum);
            return DispatchOutcome.Duplicate;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing was recorded: Slack's retry will be handled.
            SlackLog.EventFailed(logger, context.Envelope.EventId, context.Event.Type, exception);
            return DispatchOutcome.Failed;
        }
    }

    /// <summary>
    /// Runs the handler that owns the clicked element's <c>action_id</c> (clicks nobody owns are ignored) and returns
    /// what the clicker should be told or shown once the click is acknowledged: the handler's reply, or a plain apology
    /// when the handler failed.
    /// </summary>
    public async Task<(DispatchOutcome Outcome, SlackActionReply? Reply)> DispatchActionAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        // Slack wants action_ids unique within a block, so a row of similar buttons uses "{id}:{n}": the part before
        // the colon names the handler.
        var colon = action.ActionId.IndexOf(':', StringComparison.Ordinal);
        var handler = services.GetKeyedService<ISlackActionHandler>(action.ActionId)
            ?? (colon > 0 ? services.GetKeyedService<ISlackActionHandler>(action.ActionId[..colon]) : null);
        if (handler is null)
        {
            SlackLog.ActionIgnored(logger, action.ActionId);
            return (DispatchOutcome.Ignored, null);
        }

        try
        {
            return (DispatchOutcome.Handled, await handler.HandleAsync(action, cancellationToken));
        }
        catch (SlackAccessUnknownException)
        {
            return (DispatchOutcome.Handled, SlackActionReply.Ephemeral(SlackAccess.CannotCheck));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlackLog.ActionFailed(logger, action.ActionId, exception);
            return (DispatchOutcome.Failed, SlackActionReply.Ephemeral(FailedText));
        }
    }

    /// <summary>
    /// Runs the handler of a submitted modal (by <c>callback_id</c>) and returns the acknowledgement body: null closes
    /// the modal, errors keep it open. A submission nobody owns closes; a failed handler keeps it open with an apology.
    /// </summary>
    public async Task<SlackViewReply?> DispatchViewSubmissionAsync(ViewSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var handler = services.GetKeyedService<ISlackViewHandler>(submission.CallbackId);
        if (handler is null)
        {
            SlackLog.ActionIgnored(logger, submission.CallbackId);
            return null;
        }

        try
        {
            return await handler.HandleAsync(submission, cancellationToken);
        }
        catch (SlackAccessUnknownException) when (submission.Values.Keys.FirstOrDefault() is { } first)
        {
            return SlackViewReply.Error(first, SlackAccess.CannotCheck);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlackLog.ActionFailed(logger, submission.CallbackId, exception);
            var block = submission.Values.Keys.FirstOrDefault();
            return block is null ? null : SlackViewReply.Error(block, FailedText);
        }
    }

    /// <summary>Runs the command's handler and returns its immediate reply (usage text for commands nobody owns).</summary>
    public async Task<SlackCommandReply?> DispatchCommandAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var handler = services.GetKeyedService<ISlackCommandHandler>(command.Command);
        if (handler is null)
        {
            return new SlackCommandReply($"I do not know the command {command.Command}.");
        }

        try
        {
            return await handler.HandleAsync(command, cancellationToken);
        }
        catch (SlackAccessUnknownException)
        {
            return new SlackCommandReply(SlackAccess.CannotCheck);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlackLog.CommandFailed(logger, command.Command, exception);
            return new SlackCommandReply("Sorry, that did not work; please try again in a moment.");
        }
    }

    /// <summary>
    /// The event as it should be acted on: edits become the edited message (only when it now mentions someone it did
    /// not before, handled by the handler), thread broadcasts are ordinary replies, noise subtypes are dropped.
    /// </summary>
    private static SlackEvent? Effective(SlackEvent evt)
    {
        if (evt.Subtype is null or "thread_broadcast" or "file_share" or "me_message")
        {
            return evt;
        }

        if (evt.Subtype == "message_changed" && evt.Message is { } current)
        {
            // An edit is acted on only when it adds text that was not there (e.g. a mention of the bot added later);
            // the (channel, ts) dedupe key makes sure a message already acted on is not acted on again.
            var before = evt.PreviousMessage?.Text ?? string.Empty;
            return current.Text is { } text && text != before
                ? current with { Type = evt.Type, Channel = evt.Channel, ChannelType = evt.ChannelType, Subtype = null }
                : null;
        }

        return NoiseSubtypes.Contains(evt.Subtype) ? null : evt;
    }

    private static bool IsFromUs(SlackEvent evt, SlackIdentity? bot, SlackOptions options) =>
        (bot is not null && ((evt.BotId is not null && evt.BotId == bot.BotId) || (evt.User is not null && evt.User == bot.UserId)))
        || (options.AppId is { Length: > 0 } appId && evt.AppId == appId);

    private static List<string> DedupeKeys(SlackEventEnvelope envelope, SlackEvent evt)
    {
        var keys = new List<string>(2);
        if (envelope.EventId is { Length: > 0 } eventId)
        {
            keys.Add($"event:{eventId}");
        }

        if (evt.Channel is { Length: > 0 } channel && evt.Ts is { Length: > 0 } ts)
        {
            keys.Add($"message:{channel}:{ts}");
        }

        return keys;
    }

    private DispatchOutcome Ignore(SlackEventEnvelope envelope, string reason)
    {
        SlackLog.EventIgnored(logger, envelope.EventId, envelope.Type, reason);
        return DispatchOutcome.Ignored;
    }
}
