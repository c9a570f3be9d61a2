using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace ChatTriageBot.Hosting;

internal static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: the process runs. <c>/readyz</c>: storage is reachable, start-up work is done and Slack is
    /// connected. <c>/metrics</c>: every feature's instruments in Prometheus text format (see <see cref="Telemetry"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
