namespace ChatTriageBot.Costs;

/// <summary>This month's spend so far and, at the rate so far, what the whole month will cost (null in its first hour).</summary>
internal sealed record MonthProjection(string Month, decimal SpentUsd, decimal? ProjectedUsd);
