namespace ChatTriageBot.Costs;

/// <summary>One spending cap that applies: how much of it is spent and when it starts again.</summary>
internal sealed record CapStatus(string Name, CapScope Scope, string Subject, decimal Cap, decimal Spent, DateTimeOffset Since, DateTimeOffset Resets)
{
    public decimal Remaining => Math.Max(0, Cap - Spent);

    /// <summary>Spent as a share of the cap (1 = used up; a cap of 0 is used up at once).</summary>
    public double Share => Cap <= 0 ? 1 : (double)(Spent / Cap);
}
