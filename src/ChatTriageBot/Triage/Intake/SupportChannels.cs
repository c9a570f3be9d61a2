using ChatTriageBot.CodeContext;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

/// <summary>The configured support channels: every repository's channels and <c>Intake__Channels</c>.</summary>
internal sealed class SupportChannels(RepositoryRegistry registry, IOptions<IntakeOptions> options)
{
    private readonly Lazy<HashSet<string>> _all = new(() =>
        [.. registry.All.SelectMany(r => r.Channels).Concat(options.Value.Channels).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())]);

    public IReadOnlySet<string> All => _all.Value;

    public bool Contains(string? channel) => channel is not null && _all.Value.Contains(channel);
}
