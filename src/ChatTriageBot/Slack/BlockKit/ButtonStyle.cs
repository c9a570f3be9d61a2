namespace ChatTriageBot.Slack.BlockKit;

/// <summary>A button's <c>style</c>; <see cref="Default"/> omits the field.</summary>
public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
