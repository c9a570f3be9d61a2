using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatTriageBot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>
/// <c>POST /github/webhook</c>: GitHub's <c>pull_request</c> events for the pull requests the bot opened, signed with
/// <c>GitHub__WebhookSecret</c> (<c>X-Hub-Signature-256</c>, HMAC-SHA256 of the raw body, compared in constant time).
/// A closed pull request of the bot's is recorded (<see cref="PullRequestOutcomes"/>) and the thread hears of it from a
/// job; everything else is acknowledged and ignored. Without a secret the route answers 404.
/// </summary>
internal static class GitHubWebhookEndpoints
{
    public const string Route = "/github/webhook";
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>GitHub caps payloads at 25 MB; a pull_request event is a few dozen KB.</summary>
    private const int MaxBodyBytes = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapGitHubWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static async Task<Results<Ok<string>, NotFound, UnauthorizedHttpResult, BadRequest<string>, StatusCodeHttpResult>> HandleAsync(
        HttpContext http, IOptions<PullRequestOptions> options, PullRequestOutcomes outcomes, TimeProvider timeProvider, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(GitHubWebhookEndpoints));
        var delivery = http.Request.Headers["X-GitHub-Delivery"].ToString();
        if (options.Value.WebhookSecret is not { Length: > 0 } secret)
        {
            return TypedResults.NotFound();
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length > MaxBodyBytes)
            {
                return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            body = buffer.ToArray();
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, body));
        var given = Encoding.ASCII.GetBytes(http.Request.Headers[SignatureHeader].ToString());
        if (given.Length != expected.Length || !CryptographicOperations.FixedTimeEquals(given, expected))
        {
            FixesLog.WebhookRefused(logger, delivery, "bad or missing signature");
            return TypedResults.Unauthorized();
        }

        var kind = http.Request.Headers["X-GitHub-Event"].ToString();
        if (kind == "ping")
        {
            return TypedResults.Ok("pong");
        }

        if (kind != "pull_request")
        {
            return TypedResults.Ok("ignored: not a pull_request event");
        }

        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.BadRequest("Set the webhook's content type to application/json.");
        }

        PullRequestEvent? closed;
        try
        {
            closed = PullRequestEvent.Parse(body);
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest("The body is not a pull_request event.");
        }

        if (closed is null)
        {
            return TypedResults.Ok("ignored: not a closed pull request");
        }

        try
        {
            if (await outcomes.FindAsync(closed.Repository, closed.Number, http.RequestAborted) is not { } fix)
            {
                return TypedResults.Ok("ignored: not a pull request the bot opened");
            }

            await outcomes.RecordAsync(fix, closed.Merged ? PullRequestOutcome.Merged : PullRequestOutcome.Closed, closed.By, closed.At ?? timeProvider.GetUtcNow(), "webhook", http.RequestAborted);
            return TypedResults.Ok("recorded");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Our storage failed: the poll records it later; GitHub lets the delivery be redelivered by hand.
            FixesLog.WebhookRefused(logger, delivery, exception.Message);
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The parts of a <c>pull_request</c> event with action <c>closed</c> that matter here.</summary>
    private sealed record PullRequestEvent(string Repository, int Number, bool Merged, string? By, DateTimeOffset? At)
    {
        /// <summary>The closed pull request, or null for other actions; throws <see cref="JsonException"/> for a body that is not one.</summary>
        public static PullRequestEvent? Parse(byte[] body)
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "action") != "closed")
            {
                return null;
            }

            if (!root.TryGetProperty("pull_request", out var pull) || pull.ValueKind != JsonValueKind.Object
                || !pull.TryGetProperty("number", out var number) || !number.TryGetInt32(out var n)
                || !root.TryGetProperty("repository", out var repository) || String(repository, "full_name") is not { } fullName)
            {
                throw new JsonException("a closed pull_request event needs pull_request.number and repository.full_name");
            }

            var merged = pull.TryGetProperty("merged", out var m) && m.ValueKind == JsonValueKind.True;
            var by = merged && pull.TryGetProperty("merged_by", out var mergedBy) ? String(mergedBy, "login") : null;
            by ??= root.TryGetProperty("sender", out var sender) ? String(sender, "login") : null;
            var at = String(pull, merged ? "merged_at" : "closed_at") is { } when
                && DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
            return new PullRequestEvent(fullName, n, merged, by, at);
        }

        private static string? String(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
