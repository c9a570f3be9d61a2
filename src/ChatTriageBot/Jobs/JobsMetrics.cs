using Prometheus;

namespace ChatTriageBot.Jobs;

/// <summary>Prometheus metrics of the job queue (exported on <c>/metrics</c>).</summary>
internal static class JobsMetrics
{
    public static readonly Counter Finished = Metrics.CreateCounter(
        "chattriagebot_jobs_total", "Job runs finished, by kind and outcome (succeeded, retry, failed, released, lease_lost).", "kind", "outcome");

    public static readonly Histogram Duration = Metrics.CreateHistogram(
        "chattriagebot_job_duration_seconds", "How long job runs take, by kind.", new HistogramConfiguration
        {
            LabelNames = ["kind"],
            Buckets = Histogram.ExponentialBuckets(0.05, 2, 12),
        });
}
