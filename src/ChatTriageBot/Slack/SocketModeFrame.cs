using System.Text.Json;

namespace ChatTriageBot.Slack;

/// <summary>
/// One text frame Slack sends over a Socket Mode connection: <c>hello</c>, <c>disconnect</c> (with <see cref="Reason"/>)
/// or an envelope (<c>events_api</c>, <c>interactive</c>, <c>slash_commands</c>, or a type this bot does not know) that
/// must be acknowledged with its <see cref="EnvelopeId"/>. Types and reasons are open strings.
/// </summary>
internal sealed record SocketModeFrame
{
    public required string Type { get; init; }

    public string? EnvelopeId { get; init; }

    public JsonElement Payload { get; init; }

    public bool AcceptsResponsePayload { get; init; }

    public int RetryAttempt { get; init; }

    public string? RetryReason { get; init; }

    /// <summary>For <c>disconnect</c>: <c>warning</c>, <c>refresh_requested</c>, <c>link_disabled</c>, <c>too_many_websockets</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>For <c>hello</c>: how many connections the app has open, this one included.</summary>
    public int NumConnections { get; init; }
}
