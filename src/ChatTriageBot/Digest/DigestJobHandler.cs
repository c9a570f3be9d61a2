using ChatTriageBot.Jobs;

namespace ChatTriageBot.Digest;

/// <summary>
/// Posts the digest of one week, as a durable job: retried with backoff while Slack fails, resumed after a crash
/// (the publisher finds what was posted already), and queued once per week (its dedupe key is the week).
/// </summary>
internal sealed class DigestJobHandler(DigestPublisher publisher) : IJobHandler
{
    public const string Kind = "digest.post";

    string IJobHandler.Kind => Kind;

    public static string DedupeKey(DigestWeek week) => $"digest:{week}";

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(DigestJsonContext.Default.DigestJob);
        if (!DigestWeek.TryParse(job.Period, out var week))
        {
            throw new PermanentJobException($"'{job.Period}' is not a week (YYYY-Www)");
        }

        var publication = await publisher.PublishAsync(week, $"job {context.JobId}", evenIfSkipped: false, cancellationToken);
        if (publication.Outcome == DigestPublicationOutcome.Busy)
        {
            // Someone else is posting it right now: look again later, when it is posted or their claim has lapsed.
            throw new InvalidOperationException($"the digest of {week} is being posted by another process");
        }
    }
}
