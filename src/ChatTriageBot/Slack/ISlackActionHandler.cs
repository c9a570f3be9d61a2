namespace ChatTriageBot.Slack;

/// <summary>
/// Handles clicks on elements whose <c>action_id</c> it owns (registered as a keyed service under that id; an id of the
/// form <c>{id}:{suffix}</c> also reaches the handler of <c>{id}</c>). Runs inside Slack's three-second window.
/// </summary>
internal interface ISlackActionHandler
{
    Task HandleAsync(BlockAction action, CancellationToken cancellationToken);
}
