namespace ChatTriageBot.Triage;

/// <summary>A mention of the bot inside a thread: where, by whom, and its words without the mention itself (the engineer's, so trusted).</summary>
internal sealed record ThreadMention(string Channel, string ThreadTs, string MentionTs, string UserId, string Text);
