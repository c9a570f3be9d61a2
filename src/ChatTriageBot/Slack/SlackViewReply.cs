using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack;

/// <summary>
/// The acknowledgement body of a <c>view_submission</c>: <c>response_action: errors</c> with one message per input
/// block (keyed by <c>block_id</c>); the modal stays open so the person can correct it.
/// </summary>
internal sealed record SlackViewReply(IReadOnlyDictionary<string, string> Errors)
{
    public static SlackViewReply Error(string blockId, string message) => new(new Dictionary<string, string>(StringComparer.Ordinal) { [blockId] = message });

    public JsonObject ToJson()
    {
        var errors = new JsonObject();
        foreach (var (block, message) in Errors)
        {
            errors[block] = message;
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = errors };
    }
}
