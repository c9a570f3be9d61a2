namespace ChatTriageBot.Digest;

/// <summary>What asking to post a week's digest did: posted it now, found it posted (or skipped), or found another process posting it.</summary>
internal sealed record DigestPublication(DigestPublicationOutcome Outcome, string Period, string? Channel, string? Ts, string? ChartFileId);
