using System.Diagnostics.Metrics;

namespace ChatTriageBot.Fixes;

/// <summary>Draft pull requests opened and GitHub's failures by kind (ratelimited, http_5xx, http_4xx, timeout, network), on the meter <c>ChatTriageBot.Fixes</c>.</summary>
internal static class FixesMetrics
{
    public const string MeterName = "ChatTriageBot.Fixes";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Opened = Meter.CreateCounter<long>("chattriagebot.pull_requests.opened", "{pull_request}",
        "Draft pull requests the bot opened (created: new; found: one an earlier attempt had opened).");

    private static readonly Counter<long> GitHubErrors = Meter.CreateCounter<long>("chattriagebot.github.errors", "{call}",
        "GitHub calls of Open PR that failed, by kind (ratelimited, http_5xx, http_4xx, timeout, network).");

    public static void PullRequestOpened(bool created) => Opened.Add(1, new KeyValuePair<string, object?>("result", created ? "created" : "found"));

    public static void GitHubFailed(string kind) => GitHubErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
