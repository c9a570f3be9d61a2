using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// The configured repositories and each channel's default. A request's repository is, in order: the one named with
/// <c>repo=owner/name</c>; the one a GitHub link in the text points at; the channel's default (set in Slack with
/// <c>/triage repo</c>, else from <c>Repos__N__Channels</c>); the only one configured. Otherwise the thread is asked.
/// </summary>
internal sealed class RepositoryRegistry(IOptions<ReposOptions> repos, IDbContextFactory<TriageDbContext> databases, TimeProvider timeProvider)
{
    public IReadOnlyList<RepositoryOptions> All => repos.Value.Items;

    public RepositoryOptions? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    public async Task<RepositoryChoice> ChooseAsync(string? explicitName, CodeReferences references, string? channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (explicitName is not null)
        {
            return Find(explicitName) is { } named
                ? new RepositoryChoice(named, "named in the request", [named])
                : new RepositoryChoice(null, "named in the request", All, $"{explicitName} is not one of the configured repositories ({string.Join(", ", All.Select(r => r.Name))}).");
        }

        var linked = references.GitHubLinks.Select(l => Find($"{l.Owner}/{l.Repo}")).OfType<RepositoryOptions>().Distinct().ToList();
        if (linked.Count == 1)
        {
            return new RepositoryChoice(linked[0], "a link in the text points at it", linked);
        }

        if (channel is not null && await ChannelDefaultAsync(channel, cancellationToken) is { } preferred)
        {
            return new RepositoryChoice(preferred, "the channel's default", [preferred]);
        }

        if (All.Count == 1)
        {
            return new RepositoryChoice(All[0], "the only repository configured", All);
        }

        return new RepositoryChoice(null, "ambiguous", linked.Count > 1 ? linked : All);
    }

    /// <summary>The channel's default: set in Slack, else configured.</summary>
    public async Task<RepositoryOptions?> ChannelDefaultAsync(string channel, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var stored = await db.ChannelSettings.AsNoTracking().Where(c => c.Channel == channel).Select(c => c.Repository).FirstOrDefaultAsync(cancellationToken);
        return Find(stored) ?? All.FirstOrDefault(r => r.Channels.Contains(channel, StringComparer.Ordinal));
    }

    /// <summary>Makes <paramref name="repository"/> the channel's default (it must be configured).</summary>
    public async Task<RepositoryOptions?> SetChannelDefaultAsync(string channel, string repository, string userId, CancellationToken cancellationToken)
    {
        if (Find(repository) is not { } known)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var setting = await db.ChannelSettings.FirstOrDefaultAsync(c => c.Channel == channel, cancellationToken);
        if (setting is null)
        {
            setting = new ChannelSettingRecord { Channel = channel };
            db.ChannelSettings.Add(setting);
        }

        setting.Repository = known.Name;
        setting.UpdatedBy = userId;
        setting.UpdatedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return known;
    }
}
