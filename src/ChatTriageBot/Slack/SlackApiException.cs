namespace ChatTriageBot.Slack;

/// <summary>Slack answered <c>ok:false</c> (or could not be reached): <see cref="Error"/> is Slack's error string.</summary>
internal sealed class SlackApiException : Exception
{
    public SlackApiException()
    {
        Method = string.Empty;
        Error = string.Empty;
    }

    public SlackApiException(string message)
        : base(message)
    {
        Method = string.Empty;
        Error = string.Empty;
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = string.Empty;
        Error = string.Empty;
    }

    public SlackApiException(string method, string error, string? needed = null, string? provided = null, Exception? innerException = null)
        : base($"Slack {method} failed: {error}{(needed is null ? string.Empty : $" (needs scope {needed}; token has {provided})")}", innerException)
    {
        Method = method;
        Error = error;
        Needed = needed;
        Provided = provided;
    }

    private SlackApiException(string method, string error, string message, Exception? innerException)
        : base(message, innerException)
    {
        Method = method;
        Error = error;
    }

    /// <summary>
    /// Slack answered <c>ok:true</c> without a field the caller needs (or with a value of the wrong type): an
    /// <c>invalid_response</c> whose message names the method and the field.
    /// </summary>
    public static SlackApiException MissingField(string method, string field) =>
        new(method, "invalid_response", $"Slack {method} answered ok without a usable '{field}' field", (Exception?)null);

    public string Method { get; }

    /// <summary>Slack's error code, e.g. <c>channel_not_found</c>, <c>ratelimited</c>, <c>invalid_auth</c>.</summary>
    public string Error { get; }

    /// <summary>For <c>missing_scope</c>: the scope the method needs.</summary>
    public string? Needed { get; }

    public string? Provided { get; }

    /// <summary>For <c>ratelimited</c>: how long Slack asked to wait (its <c>Retry-After</c>, capped).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Slack was busy, failing, too slow or unreachable: the same call may work later.</summary>
    public bool IsTransient => Error is "ratelimited" or "timeout" or "network" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout"
        || Error.StartsWith("http_5", StringComparison.Ordinal);

    /// <summary>Errors that mean the configuration is wrong, not that the call was unlucky.</summary>
    public bool IsFatal => Error is "invalid_auth" or "not_authed" or "token_revoked" or "account_inactive" or "token_expired" or "not_allowed_token_type";
}
