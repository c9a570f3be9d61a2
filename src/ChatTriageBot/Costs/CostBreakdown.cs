using System.Text.Json.Serialization;

namespace ChatTriageBot.Costs;

/// <summary>How a cost report splits its total: not at all, or by one of these.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CostBreakdown>))]
internal enum CostBreakdown
{
    None,
    User,
    Channel,
    Model,
    Repository,
    Outcome,
}
