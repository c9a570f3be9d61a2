namespace ChatTriageBot.Slack;

/// <summary>Endpoint metadata: the content type a Slack endpoint accepts.</summary>
internal sealed record SlackContentType(string MediaType)
{
    public static SlackContentType Json { get; } = new("application/json");

    public static SlackContentType Form { get; } = new("application/x-www-form-urlencoded");

    public bool IsForm => ReferenceEquals(this, Form) || MediaType == Form.MediaType;

    public bool Matches(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, MediaType, StringComparison.OrdinalIgnoreCase);
}
