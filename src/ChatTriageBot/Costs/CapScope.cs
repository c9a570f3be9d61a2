using System.Text.Json.Serialization;

namespace ChatTriageBot.Costs;

/// <summary>Whose spending a cap limits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CapScope>))]
internal enum CapScope
{
    Team,
    Channel,
    User,
}
