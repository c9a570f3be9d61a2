namespace ChatTriageBot.Digest;

/// <summary>A file diagnoses blamed this week, and in how many triages.</summary>
internal sealed record DigestBlamedFile(string? Repository, string Path, int Triages);
