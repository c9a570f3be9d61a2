namespace ChatTriageBot.Slack;

/// <summary>
/// Handles the submission of a modal whose <c>callback_id</c> it owns (registered as a keyed service under that id).
/// Runs inside Slack's three-second window like every handler. Returning null closes the modal; a
/// <see cref="SlackViewReply"/> with errors keeps it open with the messages shown under the inputs.
/// </summary>
internal interface ISlackViewHandler
{
    Task<SlackViewReply?> HandleAsync(ViewSubmission submission, CancellationToken cancellationToken);
}
