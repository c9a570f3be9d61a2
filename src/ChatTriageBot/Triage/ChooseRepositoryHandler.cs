using System.Globalization;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Triage;

/// <summary>A click on one of the repository buttons: record the choice and queue the triage again. Thin, like every handler.</summary>
internal sealed class ChooseRepositoryHandler(TriageQueue queue, RepositoryRegistry registry, SlackAccess access) : ISlackActionHandler
{
    public async Task<SlackActionReply?> HandleAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var parts = (action.Value ?? string.Empty).Split(':', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var triageId)
            || registry.Find(parts[1]) is not { } repository)
        {
            return null;
        }

        if (!await access.IsAllowedAsync(MentionHandler.DiagnosePermission, action.UserId, emptyMeansEveryone: true, cancellationToken))
        {
            return null;
        }

        await queue.ResumeWithRepositoryAsync(triageId, repository.Name!, cancellationToken);
        return null;
    }
}
