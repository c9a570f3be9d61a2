namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// The "are you sure?" dialog of a button. All four texts are <c>plain_text</c> and are cut visibly to their limits
/// (title 100, text 300, confirm and deny 30).
/// </summary>
internal sealed record ConfirmDialog(string Title, string Text, string Confirm = "Yes", string Deny = "Cancel")
{
    /// <summary>The style of the confirm button (<see cref="ButtonStyle.Danger"/> for destructive actions).</summary>
    public ButtonStyle Style { get; init; }
}
