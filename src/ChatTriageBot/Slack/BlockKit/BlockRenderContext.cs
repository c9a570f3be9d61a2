using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>Collects what was cut while blocks render, and renders text objects within their limits.</summary>
internal sealed class BlockRenderContext
{
    private readonly List<BlockKitTruncation> truncations = [];

    public IReadOnlyList<BlockKitTruncation> Truncations => truncations;

    /// <summary>The path prefix of the block being rendered, e.g. <c>blocks[3]</c>.</summary>
    public string Path { get; set; } = "blocks";

    public string Fit(string text, int limit, bool mrkdwn, string member)
    {
        var fitted = SlackText.Fit(text, limit, mrkdwn, out var truncated);
        if (truncated)
        {
            truncations.Add(new BlockKitTruncation($"{Path}.{member}", TruncationKind.Text, text.Length, limit));
        }

        return fitted;
    }

    public void NoteDropped(string member, int original, int limit) =>
        truncations.Add(new BlockKitTruncation(member.Length == 0 ? Path : $"{Path}.{member}", TruncationKind.Items, original, limit));

    public void NoteDroppedBlocks(int original, int limit) =>
        truncations.Add(new BlockKitTruncation("blocks", TruncationKind.Items, original, limit));

    public JsonObject PlainText(string text, int limit, string member) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Fit(NonEmpty(text, member), limit, mrkdwn: false, member),
        ["emoji"] = true,
    };

    public JsonObject MrkdwnText(string text, int limit, string member) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = Fit(NonEmpty(text, member), limit, mrkdwn: true, member),
    };

    /// <summary>Slack rejects empty text objects; an empty one is a bug in the caller, not content to cut.</summary>
    private string NonEmpty(string text, string member)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"{Path}.{member}: Slack rejects an empty text object.", nameof(text));
        }

        return text;
    }
}
