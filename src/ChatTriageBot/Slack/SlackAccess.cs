using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>
/// Answers "may this user do that?" from <see cref="AccessOptions"/>. User groups are expanded with
/// <c>usergroups.users.list</c> and cached for five minutes, so a click is not slowed by a lookup each time.
/// </summary>
internal sealed class SlackAccess(IOptions<AccessOptions> options, SlackApiClient slack, TimeProvider timeProvider, ILogger<SlackAccess> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, HashSet<string> Members)> _groups = new(StringComparer.Ordinal);

    /// <summary>The ids listed for <paramref name="permission"/> (empty when none are).</summary>
    public IReadOnlyList<string> Allowed(string permission) =>
        options.Value.Permissions.TryGetValue(permission, out var ids) ? ids.Where(id => !string.IsNullOrWhiteSpace(id)).ToList() : [];

    public async Task<bool> IsAllowedAsync(string permission, string userId, bool emptyMeansEveryone, CancellationToken cancellationToken)
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

        foreach (var group in allowed.Where(id => id.StartsWith('S')))
        {
            if ((await MembersAsync(group, cancellationToken)).Contains(userId))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<HashSet<string>> MembersAsync(string group, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_groups.TryGetValue(group, out var cached) && cached.Until > now)
        {
            return cached.Members;
        }

        try
        {
            var root = await slack.PostFormAsync("usergroups.users.list", [new("usergroup", group)], null, cancellationToken);
            var members = root.TryGetProperty("users", out var users) && users.ValueKind == JsonValueKind.Array
                ? users.EnumerateArray().Select(u => u.GetString() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
                : [];
            _groups[group] = (now + CacheFor, members);
            return members;
        }
        catch (SlackApiException exception)
        {
            // Fail closed: an unreadable group grants nothing (the last known members are kept if there are any).
            SlackLog.GroupLookupFailed(logger, group, exception.Error);
            return cached.Members ?? [];
        }
    }
}
