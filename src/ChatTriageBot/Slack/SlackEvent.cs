using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatTriageBot.Slack;

/// <summary>
/// The inner event of a delivery, for the types the bot reads (<c>app_mention</c>, <c>message</c> and its subtypes).
/// Every ts stays a string. Unknown fields are ignored; the raw JSON is kept in <see cref="Raw"/>.
/// </summary>
internal sealed record SlackEvent
{
    public required string Type { get; init; }

    public string? Subtype { get; init; }

    public string? User { get; init; }

    public string? BotId { get; init; }

    public string? AppId { get; init; }

    public string? Text { get; init; }

    public string? Ts { get; init; }

    public string? ThreadTs { get; init; }

    public string? EventTs { get; init; }

    public string? Channel { get; init; }

    /// <summary><c>channel</c>, <c>group</c>, <c>im</c>, <c>mpim</c> or <c>app_home</c> (message events only).</summary>
    public string? ChannelType { get; init; }

    public string? Team { get; init; }

    /// <summary>For <c>message_changed</c>: the message as it is now.</summary>
    public SlackEvent? Message { get; init; }

    /// <summary>For <c>message_changed</c>: the message before the edit.</summary>
    public SlackEvent? PreviousMessage { get; init; }

    public string? DeletedTs { get; init; }

    public JsonElement? Edited { get; init; }

    [JsonIgnore]
    public JsonElement Raw { get; init; }

    /// <summary>The thread a reply belongs in: the thread of a reply, else the message itself.</summary>
    [JsonIgnore]
    public string? ReplyThreadTs => ThreadTs ?? Ts;
}
