namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// A button. <see cref="Text"/> is <c>plain_text</c> and is cut visibly to 75 chars. <see cref="ActionId"/> (at
/// most 255, unique within its block), <see cref="Value"/> (at most 2,000) and <see cref="Url"/> (at most 3,000) are
/// data, never cut: a value that does not fit throws <see cref="ArgumentException"/> when the message is built.
/// </summary>
internal sealed record ButtonElement(string Text, string ActionId)
{
    /// <summary>Sent back in the <c>block_actions</c> payload.</summary>
    public string? Value { get; init; }

    /// <summary>Opens this URL in the user's browser (Slack still sends the action).</summary>
    public Uri? Url { get; init; }

    public ButtonStyle Style { get; init; }

    public ConfirmDialog? Confirm { get; init; }
}
