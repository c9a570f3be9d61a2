using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChatTriageBot.Slack;

/// <summary>
/// Performs what click handlers asked for once the click was acknowledged: opens a modal with the click's trigger id
/// (which lives about three seconds, so it goes first), or answers only the clicker through the interaction's
/// <c>response_url</c>, with a few retries with backoff when Slack is slow or busy, and <c>chat.postEphemeral</c> as
/// the last resort. Not durable: an ephemeral reply lost in a crash is one the clicker gets again by clicking again.
/// </summary>
internal sealed class SlackFollowUps(SlackApiClient slack, TimeProvider timeProvider, ILogger<SlackFollowUps> logger) : BackgroundService
{
    /// <summary>Attempts of a <c>response_url</c> post that failed for a reason worth retrying (network, 429, 5xx).</summary>
    public const int ResponseAttempts = 3;

    private const int Senders = 4;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly Channel<SlackFollowUp> _queue = Channel.CreateBounded<SlackFollowUp>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues a follow-up; call it once the acknowledgement is on its way.</summary>
    public void Enqueue(SlackFollowUp followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        if (!_queue.Writer.TryWrite(followUp))
        {
            SlackLog.FollowUpDropped(logger, followUp.UserId);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var followUp in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await PerformAsync(followUp, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    SlackLog.FollowUpFailed(logger, followUp.UserId, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is not sent.
        }
    }

    /// <summary>Performs one follow-up now (also for jobs that answer a click later, through the same response URL).</summary>
    public async Task PerformAsync(SlackFollowUp followUp, CancellationToken cancellationToken)
    {
        var reply = followUp.Reply;
        if (reply.View is { } view)
        {
            if (followUp.TriggerId is { Length: > 0 } trigger)
            {
                try
                {
                    await slack.OpenViewAsync(trigger, view, cancellationToken);
                    return;
                }
                catch (SlackApiException exception)
                {
                    SlackLog.ViewNotOpened(logger, followUp.UserId, exception.Error);
                }
            }
        }

        if (reply.Text is not { Length: > 0 } text)
        {
            return;
        }

        if (followUp.ResponseUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var responseUrl)
            && await RespondAsync(responseUrl, text, reply.Blocks, cancellationToken))
        {
            return;
        }

        if (followUp.ChannelId is { Length: > 0 } channel)
        {
            await slack.PostEphemeralAsync(channel, followUp.UserId, text, reply.Blocks, followUp.ThreadTs, cancellationToken);
        }
    }

    private async Task<bool> RespondAsync(Uri responseUrl, string text, JsonArray? blocks, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = text };
        if (blocks is not null)
        {
            body["blocks"] = blocks.DeepClone();
        }

        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await slack.RespondAsync(responseUrl, body, cancellationToken);
                return true;
            }
            catch (Exception exception) when (Retryable(exception, cancellationToken))
            {
                if (attempt >= ResponseAttempts)
                {
                    SlackLog.ResponseUrlFailed(logger, attempt, exception.Message);
                    return false;
                }

                await Task.Delay(delay, timeProvider, cancellationToken);
                delay *= 2;
            }
            catch (SlackApiException exception)
            {
                // Expired or unknown response URL: retrying cannot help.
                SlackLog.ResponseUrlFailed(logger, attempt, exception.Error);
                return false;
            }
        }
    }

    private static bool Retryable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        SlackApiException api => api.Error is "http_429" || api.Error.StartsWith("http_5", StringComparison.Ordinal),
        _ => false,
    };
}
