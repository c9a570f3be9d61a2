using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>
/// Answers "may this user do that?" from <see cref="AccessOptions"/>. User groups (<c>S…</c> ids) are expanded with
/// <c>usergroups.users.list</c> in the background: at start and every five minutes, so a check made inside a Slack
/// request reads memory and never waits on Slack (<see cref="IsAllowedAsync"/>); work outside a request may look a
/// group up when it is not known yet (<see cref="IsAllowedFromSlackAsync"/>). A group that cannot be read grants
/// nothing beyond its last known members.
/// </summary>
internal sealed class SlackAccess(IOptions<AccessOptions> options, SlackApiClient slack, TimeProvider timeProvider, ILogger<SlackAccess> logger)
    : BackgroundService
{
    /// <summary>What a person is told when a check needs a user group whose members are not known yet.</summary>
    public const string CannotCheck = "I cannot check the list of people allowed to do that right now (Slack has not told me who is in its user groups yet); please try again in a minute.";

    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, HashSet<string>> _groups = new(StringComparer.Ordinal);

    /// <summary>The ids listed for <paramref name="permission"/> (empty when none are).</summary>
    public IReadOnlyList<string> Allowed(string permission) =>
        options.Value.Permissions.TryGetValue(permission, out var ids) ? ids.Where(id => !string.IsNullOrWhiteSpace(id)).ToList() : [];

    /// <summary>
    /// From what is known now, without calling Slack (for checks inside a Slack request). Throws
    /// <see cref="SlackAccessUnknownException"/> when the answer depends on a user group not loaded yet.
    /// </summary>
    public Task<bool> IsAllowedAsync(string permission, string userId, bool emptyMeansEveryone, CancellationToken cancellationToken) =>
        Task.FromResult(Decide(permission, userId, emptyMeansEveryone) ?? throw new SlackAccessUnknownException(permission));

    /// <summary>Like <see cref="IsAllowedAsync"/>, but a group not known yet is looked up in Slack first (for work outside a request).</summary>
    public async Task<bool> IsAllowedFromSlackAsync(string permission, string userId, bool emptyMeansEveryone, CancellationToken cancellationToken)
    {
        if (Decide(permission, userId, emptyMeansEveryone) is { } known)
        {
            return known;
        }

        foreach (var group in Groups(Allowed(permission)).Where(g => !_groups.ContainsKey(g)))
        {
            await LoadAsync(group, cancellationToken);
        }

        return Decide(permission, userId, emptyMeansEveryone) ?? false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var groups = Groups(options.Value.Permissions.Values.SelectMany(ids => ids)).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var group in groups)
            {
                await LoadAsync(group, stoppingToken);
            }

            // Until every group is known, try again soon; then every few minutes.
            var wait = groups.All(_groups.ContainsKey) ? RefreshEvery : TimeSpan.FromSeconds(10);
            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Allowed, refused, or null when it depends on a group not known yet.</summary>
    private bool? Decide(string permission, string userId, bool emptyMeansEveryone)
    {
        var allowed = Allowed(permission);
        if (allowed.Count == 0)
        {
            return emptyMeansEveryone;
        }

        if (allowed.Contains(userId, StringComparer.Ordinal))
        {
            return true;
        }

        var unknown = false;
        foreach (var group in Groups(allowed))
        {
            if (!_groups.TryGetValue(group, out var members))
            {
                unknown = true;
            }
            else if (members.Contains(userId))
            {
                return true;
            }
        }

        return unknown ? null : false;
    }

    private async Task LoadAsync(string group, CancellationToken cancellationToken)
    {
        try
        {
            var root = await slack.PostFormAsync("usergroups.users.list", [new("usergroup", group)], null, cancellationToken);
            _groups[group] = root.TryGetProperty("users", out var users) && users.ValueKind == JsonValueKind.Array
                ? users.EnumerateArray().Select(u => u.GetString() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
                : [];
        }
        catch (SlackApiException exception)
        {
            // The last known members are kept; a group never read grants nothing outside a request.
            SlackLog.GroupLookupFailed(logger, group, exception.Error);
        }
    }

    private static IEnumerable<string> Groups(IEnumerable<string> ids) => ids.Where(id => id.StartsWith('S'));
}
