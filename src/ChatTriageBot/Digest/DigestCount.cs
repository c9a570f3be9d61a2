namespace ChatTriageBot.Digest;

/// <summary>How many triages had this kind, severity or repository.</summary>
internal sealed record DigestCount(string Name, int Count);
