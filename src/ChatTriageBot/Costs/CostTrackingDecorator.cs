using ChatTriageBot.Llm;
using Microsoft.Extensions.AI;

namespace ChatTriageBot.Costs;

/// <summary>Puts <see cref="CostTrackingChatClient"/> around the diagnosis and the fix model clients.</summary>
internal sealed class CostTrackingDecorator(UsageLedger ledger, PriceTable prices, ModelHealth health, TimeProvider timeProvider) : IChatClientDecorator
{
    public IChatClient Decorate(IChatClient inner) => new CostTrackingChatClient(inner, ledger, prices, health, timeProvider);
}
