namespace ChatTriageBot.Slack;

/// <summary>A permission check inside a Slack request needed a user group whose members are not known yet (see <see cref="SlackAccess.CannotCheck"/>).</summary>
internal sealed class SlackAccessUnknownException : Exception
{
    public SlackAccessUnknownException()
    {
    }

    public SlackAccessUnknownException(string permission)
        : base($"The members of a user group allowed to {permission} are not known yet.")
    {
    }

    public SlackAccessUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
