namespace ChatTriageBot.Costs;

/// <summary>
/// The ambient <see cref="UsageTag"/> of the work in progress: a job begins a scope around its model call, and the usage
/// ledger's chat-client decorator (<see cref="CostTrackingChatClient"/>) reads it when the model answers. It flows with
/// the async call, so concurrent jobs each see their own; the model client itself stays unaware of triages and fixes.
/// </summary>
internal static class UsageScope
{
    private static readonly AsyncLocal<UsageTag?> Ambient = new();

    /// <summary>The tag of the innermost scope in this async flow, or null outside any.</summary>
    public static UsageTag? Current => Ambient.Value;

    /// <summary>Tags model calls made until the returned scope is disposed (which restores the outer tag).</summary>
    public static IDisposable Begin(UsageTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var outer = Ambient.Value;
        Ambient.Value = tag;
        return new Restore(outer);
    }

    private sealed class Restore(UsageTag? outer) : IDisposable
    {
        public void Dispose() => Ambient.Value = outer;
    }
}
