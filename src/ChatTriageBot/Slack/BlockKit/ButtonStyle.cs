namespace ChatTriageBot.Slack.BlockKit;

/// <summary>A button's <c>style</c>; <see cref="Default"/> omits the field.</summary>
internal enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
