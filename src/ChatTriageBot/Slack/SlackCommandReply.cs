using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack;

/// <summary>The immediate answer to a slash command: ephemeral (only the caller sees it) unless <see cref="InChannel"/>.</summary>
internal sealed record SlackCommandReply(string Text)
{
    public JsonArray? Blocks { get; init; }

    public bool InChannel { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["response_type"] = InChannel ? "in_channel" : "ephemeral", ["text"] = Text };
        if (Blocks is not null)
        {
            json["blocks"] = Blocks.DeepClone();
        }

        return json;
    }
}
