using Microsoft.Extensions.AI;

namespace ChatTriageBot.Llm;

/// <summary>
/// Behaviour another feature wraps around every model client <see cref="ChatClients"/> builds (the usage ledger does),
/// without this folder knowing that feature. Registered as services; applied in registration order, the first
/// outermost.
/// </summary>
internal interface IChatClientDecorator
{
    IChatClient Decorate(IChatClient inner);
}
