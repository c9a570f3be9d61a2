namespace ChatTriageBot.Digest;

/// <summary>A channel's week: support requests received, how many of them were triaged, and its triages in all (mentions included).</summary>
internal sealed record DigestChannel(string Channel, int Received, int ReceivedTriaged, int Triages);
