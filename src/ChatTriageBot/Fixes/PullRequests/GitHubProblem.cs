using System.Globalization;
using System.Net;
using Octokit;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Turns what GitHub answered into plain words for the person who clicked Open PR: which permission to grant (403 and
/// 404 become what to give the token), when a rate limit resets. Failures worth retrying (5xx, no answer) are not
/// described: the job retries them.
/// </summary>
internal static class GitHubProblem
{
    public const string Permissions = "Contents: read and write, and Pull requests: read and write";

    /// <summary>The refusal to show, or null when the failure is transient and the job should try again.</summary>
    public static string? Describe(Exception exception, string repository, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var inv = CultureInfo.InvariantCulture;
        return exception switch
        {
            RateLimitExceededException limit => string.Create(inv,
                $"GitHub's rate limit for the bot's token is used up; it resets at {limit.Reset.UtcDateTime:HH:mm} UTC. Nothing was written to GitHub for this click; click Open PR again after that."),
            ApiException api when IsSecondaryLimit(api) => string.Create(inv,
                $"GitHub asked the bot to slow down (a secondary rate limit); try again after {RetryAt(api, timeProvider):HH:mm:ss} UTC."),
            AuthorizationException => "GitHub refused the bot's token (GitHub__Token): it is invalid, expired or revoked. Set a valid token, then click Open PR again.",
            NotFoundException => $"GitHub answered 404 for {repository}: the bot's token (GitHub__Token) cannot see it, or may not write to it. Give the token access to {repository} with {Permissions} (a classic token needs the repo scope), then click Open PR again.",
            ForbiddenException forbidden => $"GitHub would not let the bot's token make this change. Grant it {Accepted(forbidden) ?? Permissions} on {repository}, then click Open PR again.",
            ApiValidationException invalid => $"GitHub refused the change: {Detail(invalid)}.",
            ApiException { StatusCode: >= HttpStatusCode.InternalServerError } => null,
            ApiException api => string.Create(inv, $"GitHub refused the request (HTTP {(int)api.StatusCode}); nothing more was written. The details are in the bot's log."),
            HttpRequestException or TaskCanceledException or TimeoutException => null,
            _ => null,
        };
    }

    /// <summary>What kind of failure it was, for the error counter: ratelimited, http_5xx, http_4xx, timeout, network.</summary>
    public static string Kind(Exception exception) => exception switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException => "ratelimited",
        ApiException { StatusCode: (HttpStatusCode)429 } => "ratelimited",
        ApiException api => string.Create(CultureInfo.InvariantCulture, $"http_{(int)api.StatusCode}"),
        TaskCanceledException or TimeoutException => "timeout",
        _ => "network",
    };

    /// <summary>True for failures worth another attempt later (GitHub's 5xx, no answer in time, no connection).</summary>
    public static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or TaskCanceledException or TimeoutException
        || exception is ApiException { StatusCode: >= HttpStatusCode.InternalServerError } and not RateLimitExceededException;

    private static bool IsSecondaryLimit(ApiException api) =>
        api is SecondaryRateLimitExceededException or AbuseException || (int)api.StatusCode == 429;

    private static DateTimeOffset RetryAt(ApiException api, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        if (api is AbuseException { RetryAfterSeconds: { } abuseSeconds })
        {
            return now.AddSeconds(abuseSeconds);
        }

        if (Header(api, "Retry-After") is { } retry && int.TryParse(retry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return now.AddSeconds(seconds);
        }

        return Header(api, "X-RateLimit-Reset") is { } reset && long.TryParse(reset, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : now.AddMinutes(1);
    }

    /// <summary>GitHub's own list of what the call needed (<c>X-Accepted-GitHub-Permissions: pull_requests=write</c>).</summary>
    private static string? Accepted(ApiException api) =>
        Header(api, "X-Accepted-GitHub-Permissions") is { Length: > 0 } accepted ? $"the permission GitHub asks for ({accepted.Replace(";", ",", StringComparison.Ordinal)})" : null;

    private static string Detail(ApiValidationException invalid) =>
        invalid.ApiError?.Errors?.Select(e => e.Message).FirstOrDefault(m => !string.IsNullOrWhiteSpace(m)) ?? invalid.Message;

    private static string? Header(ApiException api, string name) =>
        api.HttpResponse?.Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}
