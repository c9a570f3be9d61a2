namespace ChatTriageBot.Slack;

/// <summary>
/// Handles clicks on elements whose <c>action_id</c> it owns (registered as a keyed service under that id). Runs
/// inside Slack's three-second window.
/// </summary>
public interface ISlackActionHandler
{
    Task HandleAsync(BlockAction action, CancellationToken cancellationToken);
}
