using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatTriageBot.Slack;

/// <summary>
/// Learns who the bot is (<c>auth.test</c>) at start-up and keeps trying with backoff until Slack answers; a token
/// Slack refuses (<c>invalid_auth</c>, ...) is reported as unhealthy and not retried in a tight loop.
/// </summary>
internal sealed class SlackIdentityProvider(SlackApiClient slack, TimeProvider timeProvider, ILogger<SlackIdentityProvider> logger)
    : BackgroundService, IHealthCheck
{
    private volatile SlackIdentity? _current;
    private volatile string? _problem;

    public SlackIdentity? Current => _current;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_current is not null
            ? HealthCheckResult.Healthy($"bot user {_current.UserId}")
            : HealthCheckResult.Unhealthy(_problem ?? "Slack identity (auth.test) not known yet"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _current = await slack.AuthTestAsync(stoppingToken);
                _problem = null;
                SlackLog.Identified(logger, _current.UserId, _current.BotId ?? "-", _current.TeamId);
                return;
            }
            catch (SlackApiException exception) when (exception.IsFatal)
            {
                _problem = $"Slack refused the bot token: {exception.Error}";
                SlackLog.TokenRefused(logger, exception.Error);
                delay = TimeSpan.FromMinutes(5);
            }
            catch (Exception exception) when (exception is SlackApiException or HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                _problem = $"auth.test failed: {exception.Message}";
                SlackLog.IdentityRetry(logger, delay.TotalSeconds, exception.Message);
            }

            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 300));
        }
    }
}
