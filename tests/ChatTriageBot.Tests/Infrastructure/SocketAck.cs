using System.Text.Json.Nodes;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>An acknowledgement the bot sent for an envelope: on which connection, with what payload, and when.</summary>
public sealed record SocketAck(string EnvelopeId, int Connection, JsonObject? Payload, DateTimeOffset EnvelopeSentAt, DateTimeOffset ReceivedAt);
