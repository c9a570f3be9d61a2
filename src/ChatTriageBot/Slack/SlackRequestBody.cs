using Microsoft.Extensions.Primitives;

namespace ChatTriageBot.Slack;

/// <summary>A verified Slack request body: the raw bytes and, for form posts, the parsed fields.</summary>
internal sealed record SlackRequestBody(byte[] Bytes, IReadOnlyDictionary<string, StringValues>? Form);
