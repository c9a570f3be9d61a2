namespace ChatTriageBot.Slack;

/// <summary>
/// Handles clicks on elements whose <c>action_id</c> it owns (registered as a keyed service under that id; an id of the
/// form <c>{id}:{suffix}</c> also reaches the handler of <c>{id}</c>). Runs inside Slack's three-second window: check
/// who is asking, write a row, return. What the clicker should see (a refusal, a modal) is returned as a
/// <see cref="SlackActionReply"/>, which the Slack layer sends after the acknowledgement; null when there is nothing to say.
/// </summary>
internal interface ISlackActionHandler
{
    Task<SlackActionReply?> HandleAsync(BlockAction action, CancellationToken cancellationToken);
}
