using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack;

/// <summary>
/// What a click handler wants done for the clicker once the click has been acknowledged: an ephemeral reply (only the
/// clicker sees it, sent through the interaction's <c>response_url</c>) or a modal opened with the click's
/// <c>trigger_id</c>. The Slack layer performs it right after the acknowledgement (<see cref="SlackFollowUps"/>), so no
/// handler waits on Slack inside the request Slack is waiting for.
/// </summary>
internal sealed record SlackActionReply
{
    /// <summary>The ephemeral reply's text (mrkdwn); with <see cref="View"/>, what the clicker is told if the modal cannot be opened.</summary>
    public string? Text { get; init; }

    public JsonArray? Blocks { get; init; }

    /// <summary>A modal view (<c>views.open</c>'s <c>view</c>), opened with the click's trigger id.</summary>
    public JsonObject? View { get; init; }

    /// <summary>A reply only the clicker sees.</summary>
    public static SlackActionReply Ephemeral(string text, JsonArray? blocks = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new SlackActionReply { Text = text, Blocks = blocks };
    }

    /// <summary>Opens <paramref name="view"/>; when Slack refuses (the trigger expired), <paramref name="ifItCannotOpen"/> is said instead.</summary>
    public static SlackActionReply Modal(JsonObject view, string ifItCannotOpen)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new SlackActionReply { View = view, Text = ifItCannotOpen };
    }
}
