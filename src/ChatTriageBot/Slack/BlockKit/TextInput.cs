namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// A modal's text box: an <c>input</c> block holding a <c>plain_text_input</c>. Its value arrives in the
/// <c>view_submission</c> under <see cref="BlockId"/> and <see cref="ActionId"/>.
/// </summary>
internal sealed record TextInput(string BlockId, string ActionId, string Label)
{
    public string? Placeholder { get; init; }

    public bool Multiline { get; init; }

    /// <summary>Slack's own cap for a text input is 3,000 characters.</summary>
    public int MaxLength { get; init; } = 3000;
}
