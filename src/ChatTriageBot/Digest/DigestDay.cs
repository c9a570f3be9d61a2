namespace ChatTriageBot.Digest;

/// <summary>One local day of the chart: model spend (millionths of a dollar) and triages started.</summary>
internal sealed record DigestDay(DateOnly Date, long CostMicros, int Triages);
