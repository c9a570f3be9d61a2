using System.Diagnostics.Metrics;

namespace ChatTriageBot.Jobs;

/// <summary>
/// The job queue's instruments (meter <c>ChatTriageBot.Jobs</c>): runs finished by kind and outcome, their durations,
/// jobs resumed after their process died or stopped, and the queue's depth and the age of its oldest waiting job (read
/// from the table by <see cref="JobQueueSampler"/>).
/// </summary>
internal sealed class JobsMetrics
{
    public const string MeterName = "ChatTriageBot.Jobs";

    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _resumed;
    private readonly Counter<long> _reclaimed;

    public JobsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _finished = meter.CreateCounter<long>("chattriagebot.jobs.finished", "{run}",
            "Job runs finished, by kind and outcome (succeeded, retry, failed, released, lease_lost).");
        _duration = meter.CreateHistogram("chattriagebot.jobs.duration", "s", "How long job runs take, by kind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        _resumed = meter.CreateCounter<long>("chattriagebot.jobs.resumed", "{job}",
            "Jobs taken up again after the process working on them died or stopped, by kind.");
        _reclaimed = meter.CreateCounter<long>("chattriagebot.jobs.reclaimed", "{job}",
            "Leases of this instance's previous run taken back at start-up (that run died with them).");
        meter.CreateObservableGauge("chattriagebot.jobs.queued", () => Sample.Queued.Select(q => new Measurement<long>(q.Count, Tag("kind", q.Kind), Tag("status", q.Status))),
            "{job}", "Jobs waiting or running, by kind and status (pending: waiting for a worker or a retry; running: leased).");
        meter.CreateObservableGauge("chattriagebot.jobs.oldest_pending_age", () => new Measurement<double>(Sample.OldestPendingAge.TotalSeconds),
            "s", "How long the oldest job that is due has waited for a worker.");
    }

    /// <summary>The latest reading of the table, replaced by <see cref="JobQueueSampler"/>.</summary>
    public JobQueueSample Sample { get; set; } = JobQueueSample.Empty;

    public void Finished(string kind, string outcome, TimeSpan? elapsed = null)
    {
        _finished.Add(1, Tag("kind", kind), Tag("outcome", outcome));
        if (elapsed is { } duration)
        {
            _duration.Record(duration.TotalSeconds, Tag("kind", kind));
        }
    }

    public void Resumed(string kind) => _resumed.Add(1, Tag("kind", kind));

    public void Reclaimed(int count) => _reclaimed.Add(count);

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
