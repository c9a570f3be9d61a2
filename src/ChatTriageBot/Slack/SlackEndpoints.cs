using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatTriageBot.Slack;

/// <summary>
/// <c>POST /slack/events</c>, <c>/slack/interactions</c> and <c>/slack/commands</c>. Each verifies, dedupes, hands
/// the work to a handler (which writes a job row) and answers within Slack's three seconds. A malformed request gets
/// 400, never a 500; when our own storage fails the answer is 503 without <c>X-Slack-No-Retry</c>, so Slack retries.
/// </summary>
internal static class SlackEndpoints
{
    public static RouteGroupBuilder MapSlack(this IEndpointRouteBuilder endpoints, string prefix = "/slack")
    {
        var group = endpoints.MapGroup(prefix).AddEndpointFilter<SlackRequestFilter>().ExcludeFromDescription();
        group.MapPost("/events", HandleEventAsync).WithMetadata(SlackContentType.Json);
        group.MapPost("/interactions", HandleInteractionAsync).WithMetadata(SlackContentType.Form);
        group.MapPost("/commands", HandleCommandAsync).WithMetadata(SlackContentType.Form);
        return group;
    }

    private static async Task<Results<Ok, ContentHttpResult, BadRequest, StatusCodeHttpResult>> HandleEventAsync(
        HttpContext http, SlackDispatcher dispatcher, ILoggerFactory loggers)
    {
        var body = http.Features.Get<SlackRequestBody>()!;
        SlackEventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body.Bytes, SlackJsonContext.Default.SlackEventEnvelope);
        }
        catch (JsonException exception)
        {
            SlackLog.Malformed(loggers.CreateLogger(typeof(SlackEndpoints)), http.Request.Path, exception.Message);
            return TypedResults.BadRequest();
        }

        if (envelope is null || string.IsNullOrEmpty(envelope.Type))
        {
            return TypedResults.BadRequest();
        }

        if (envelope.Type == "url_verification")
        {
            return envelope.Challenge is { Length: > 0 } challenge ? TypedResults.Text(challenge, "text/plain") : TypedResults.BadRequest();
        }

        var retry = int.TryParse(http.Request.Headers["X-Slack-Retry-Num"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var outcome = await dispatcher.DispatchEventAsync(envelope, retry, http.RequestAborted);
        return outcome == DispatchOutcome.Failed ? TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok();
    }

    private static async Task<Results<Ok, ContentHttpResult, BadRequest>> HandleInteractionAsync(HttpContext http, SlackDispatcher dispatcher, SlackFollowUps followUps)
    {
        var body = http.Features.Get<SlackRequestBody>()!;
        if (body.Form is null || !body.Form.TryGetValue("payload", out var raw) || string.IsNullOrEmpty(raw))
        {
            return TypedResults.BadRequest();
        }

        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(raw.ToString());
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest();
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return TypedResults.BadRequest();
        }

        if (ViewSubmission.FromPayload(payload) is { } submission)
        {
            // The acknowledgement's body is the answer: empty closes the modal, errors keep it open.
            var answer = await dispatcher.DispatchViewSubmissionAsync(submission, http.RequestAborted);
            return answer is null ? TypedResults.Ok() : TypedResults.Text(answer.ToJson().ToJsonString(), "application/json", System.Text.Encoding.UTF8);
        }

        // Slack never retries interactions, so a failed handler is reported to the clicker, not by the status.
        var replies = new List<SlackFollowUp>();
        foreach (var action in BlockAction.FromPayload(payload))
        {
            if ((await dispatcher.DispatchActionAsync(action, http.RequestAborted)).Reply is { } reply)
            {
                replies.Add(SlackFollowUp.For(action, reply));
            }
        }

        if (replies.Count > 0)
        {
            // After the 200 has gone out: the replies talk to Slack, which must never hold up the acknowledgement.
            http.Response.OnCompleted(() =>
            {
                replies.ForEach(followUps.Enqueue);
                return Task.CompletedTask;
            });
        }

        return TypedResults.Ok();
    }

    private static async Task<Results<Ok, ContentHttpResult, BadRequest>> HandleCommandAsync(HttpContext http, SlackDispatcher dispatcher)
    {
        var body = http.Features.Get<SlackRequestBody>()!;
        var form = body.Form;
        var command = form is null ? null : SlashCommand.FromFields(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        if (command is null)
        {
            return TypedResults.BadRequest();
        }

        var reply = await dispatcher.DispatchCommandAsync(command, http.RequestAborted);
        return reply is null
            ? TypedResults.Ok()
            : TypedResults.Text(reply.ToJson().ToJsonString(), "application/json", System.Text.Encoding.UTF8);
    }
}
