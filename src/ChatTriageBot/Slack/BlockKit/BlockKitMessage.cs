using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// A rendered message: the fallback <c>text</c> (mrkdwn-safe, at most 4,000 chars, never empty) and the
/// <c>blocks</c>, both within Slack's limits. When <see cref="Truncated"/> is true something was cut visibly; attach
/// the whole content as an uploaded file.
/// </summary>
internal sealed record BlockKitMessage(string FallbackText, JsonArray Blocks, IReadOnlyList<BlockKitTruncation> Truncations)
{
    public bool Truncated => Truncations.Count > 0;

    public void Deconstruct(out string fallbackText, out JsonArray blocks)
    {
        fallbackText = FallbackText;
        blocks = Blocks;
    }

    /// <summary>An <see cref="OutgoingMessage"/> for <see cref="SlackApiClient"/> (the blocks are copied).</summary>
    public OutgoingMessage ToOutgoingMessage(string channel, string? threadTs = null) =>
        new(channel, FallbackText) { Blocks = (JsonArray)Blocks.DeepClone(), ThreadTs = threadTs };
}
