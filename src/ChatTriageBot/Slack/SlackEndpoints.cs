using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>
/// <c>POST /slack/events</c>, <c>/slack/interactions</c> and <c>/slack/commands</c>. Each verifies, dedupes, hands
/// the work to a handler (which writes a job row) and answers within Slack's three seconds. A malformed request gets
/// 400, never a 500; when our own storage fails, or is slower than <see cref="SlackOptions.AckDeadline"/>, the answer is
/// 503 without <c>X-Slack-No-Retry</c>, so Slack retries (a write that lands after the deadline makes the retry a
/// duplicate, acknowledged without work). Handlers run off the request's thread so that a stalled database (SQLite
/// waits for a lock inside the call) cannot hold the answer past the deadline; a click or command whose handler
/// finishes late is still answered, through its response URL.
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

    /// <summary>What a person who ran a command is told when its answer is late; the answer follows through the response URL.</summary>
    public const string StillWorking = "Working on it…";

    /// <summary>How long a handler still running past the deadline may go on in the background.</summary>
    private static readonly TimeSpan LateLimit = TimeSpan.FromSeconds(30);

    private static async Task<Results<Ok, ContentHttpResult, BadRequest, StatusCodeHttpResult>> HandleEventAsync(
        HttpContext http, SlackDispatcher dispatcher, IOptions<SlackOptions> options, ILoggerFactory loggers)
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
        var dispatch = RunLate(ct => dispatcher.DispatchEventAsync(envelope, retry, ct));
        var outcome = await WithinAsync(dispatch, options.Value.AckDeadline, http.RequestAborted) ? await dispatch : DispatchOutcome.Failed;
        return outcome == DispatchOutcome.Failed ? TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok();
    }

    private static async Task<Results<Ok, ContentHttpResult, BadRequest>> HandleInteractionAsync(
        HttpContext http, SlackDispatcher dispatcher, SlackFollowUps followUps, IOptions<SlackOptions> options)
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
            // The acknowledgement's body is the answer: empty closes the modal, errors keep it open. Past the deadline
            // the modal closes and the handler finishes on its own.
            var submitted = RunLate(ct => dispatcher.DispatchViewSubmissionAsync(submission, ct));
            var answer = await WithinAsync(submitted, options.Value.AckDeadline, http.RequestAborted) ? await submitted : null;
            return answer is null ? TypedResults.Ok() : TypedResults.Text(answer.ToJson().ToJsonString(), "application/json", System.Text.Encoding.UTF8);
        }

        // Slack never retries interactions, so a failed handler is reported to the clicker, not by the status.
        var actions = BlockAction.FromPayload(payload).ToList();
        var handled = RunLate(async ct =>
        {
            var replies = new List<SlackFollowUp>();
            foreach (var action in actions)
            {
                if ((await dispatcher.DispatchActionAsync(action, ct)).Reply is { } reply)
                {
                    replies.Add(SlackFollowUp.For(action, reply));
                }
            }

            return replies;
        });

        // The replies talk to Slack, which must never hold up the acknowledgement: they go after the 200 has gone out,
        // or, from handlers still running at the deadline, when they finish.
        if (await WithinAsync(handled, options.Value.AckDeadline, http.RequestAborted))
        {
            var replies = await handled;
            if (replies.Count > 0)
            {
                http.Response.OnCompleted(() =>
                {
                    replies.ForEach(followUps.Enqueue);
                    return Task.CompletedTask;
                });
            }
        }
        else
        {
            _ = handled.ContinueWith(done => done.Result.ForEach(followUps.Enqueue), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        return TypedResults.Ok();
    }

    private static async Task<Results<Ok, ContentHttpResult, BadRequest>> HandleCommandAsync(
        HttpContext http, SlackDispatcher dispatcher, SlackFollowUps followUps, IOptions<SlackOptions> options)
    {
        var body = http.Features.Get<SlackRequestBody>()!;
        var form = body.Form;
        var command = form is null ? null : SlashCommand.FromFields(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        if (command is null)
        {
            return TypedResults.BadRequest();
        }

        var answered = RunLate(ct => dispatcher.DispatchCommandAsync(command, ct));
        if (!await WithinAsync(answered, options.Value.AckDeadline, http.RequestAborted))
        {
            // Late: say so now, and send the answer through the command's response URL when it comes.
            _ = answered.ContinueWith(
                done =>
                {
                    if (done.Result is { } late)
                    {
                        followUps.Enqueue(new SlackFollowUp(new SlackActionReply { Text = late.Text, Blocks = late.Blocks }, command.UserId, command.ChannelId, null, command.ResponseUrl, null));
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            return TypedResults.Text(new SlackCommandReply(StillWorking).ToJson().ToJsonString(), "application/json", System.Text.Encoding.UTF8);
        }

        var reply = await answered;
        return reply is null
            ? TypedResults.Ok()
            : TypedResults.Text(reply.ToJson().ToJsonString(), "application/json", System.Text.Encoding.UTF8);
    }

    /// <summary>
    /// Starts a handler on the thread pool with a token of its own (it may outlive the request by <see cref="LateLimit"/>),
    /// so that the request can stop waiting for it.
    /// </summary>
    private static Task<T> RunLate<T>(Func<CancellationToken, Task<T>> work) => Task.Run(async () =>
    {
        using var limit = new CancellationTokenSource(LateLimit);
        return await work(limit.Token);
    });

    /// <summary>Waits for <paramref name="work"/> at most <paramref name="deadline"/>; false when it is still running then.</summary>
    private static async Task<bool> WithinAsync(Task work, TimeSpan deadline, CancellationToken aborted)
    {
        await work.WaitAsync(deadline, aborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return work.IsCompleted;
    }
}
