using OpenTelemetry.Metrics;

namespace ChatTriageBot.Hosting;

/// <summary>
/// Where the features' instruments go: every feature measures with <c>System.Diagnostics.Metrics</c> on a meter of
/// its own (<c>ChatTriageBot.Slack</c>, <c>.Jobs</c>, <c>.Triage</c>, <c>.Llm</c>, <c>.Fixes</c>,
/// <c>.CodeContext</c>, ...) and knows no exporter; here OpenTelemetry collects them, with ASP.NET Core's own request
/// metrics, and serves them at <c>GET /metrics</c> in Prometheus text format.
/// </summary>
internal static class Telemetry
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("ChatTriageBot.*")
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }
}
