using System.Globalization;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A click on <b>Revise</b>: for someone in <c>Access__GenerateFix</c>, a modal asking what to change about the fix,
/// opened right after the acknowledgement (the click's trigger lives about three seconds). Its submission is
/// <see cref="ReviseSubmissionHandler"/>.
/// </summary>
internal sealed class ReviseHandler(IDbContextFactory<TriageDbContext> databases, SlackAccess access) : ISlackActionHandler
{
    public const string NotAllowed = "Sorry, you are not on the list of people who may revise fixes (Access__GenerateFix).";

    public async Task<SlackActionReply?> HandleAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!FixClicks.TryParseId(action.Value, out var fixId))
        {
            return null;
        }

        if (!await access.IsAllowedAsync(FixActions.GenerateFixPermission, action.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            return SlackActionReply.Ephemeral(NotAllowed);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await FixClicks.LoadAsync(db, fixId, cancellationToken) is not { } found)
        {
            return null;
        }

        if (found.Fix.Status is not (FixStatus.Ready or FixStatus.Failed))
        {
            return SlackActionReply.Ephemeral(FixClicks.Why(found.Fix, "revised"));
        }

        return SlackActionReply.Modal(Modal(found.Fix), "The box to revise the fix could not be opened in time; please click *Revise* again.");
    }

    public static System.Text.Json.Nodes.JsonObject Modal(FixRecord fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        return new ModalView(
            FixActions.ReviseModal,
            "Revise the fix",
            "Say what to change about the proposed fix. The fix model gets your words with the earlier patch, and the new patch replaces it in the thread. The customer's text is never taken as instructions.",
            new TextInput(FixActions.ReviseInputBlock, FixActions.ReviseInputAction, "What should change?")
            {
                Multiline = true,
                Placeholder = "e.g. Keep the null check, but return 0 for an empty cart before applying the discount.",
            })
        {
            Submit = "Revise",
            PrivateMetadata = fix.Id.ToString(CultureInfo.InvariantCulture),
        }.Render();
    }
}
