using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// Queues the triage of a mention, and records the triage when its job first runs. Queueing is one row: the job, whose
/// dedupe key is the mention (channel + ts), so one mention yields at most one triage however often it is delivered
/// (Slack's retries share its event id and its channel + ts; its app_mention and message twins share channel + ts).
/// That unique key is also the delivery's claim (see <see cref="ISlackClaimingEventHandler"/>), and mentions arriving
/// together are written in one transaction (<see cref="StorageWriter"/>): acknowledging a delivery costs one row and
/// a share of one commit. The triage row, which the rest of the bot works from, is written by the job's first run
/// (<see cref="RecordAsync"/>).
/// </summary>
internal sealed class TriageQueue
{
    private readonly IDbContextFactory<TriageDbContext> _databases;
    private readonly JobQueue _jobs;
    private readonly TimeProvider _timeProvider;
    private readonly StorageWriter _writer;
    private readonly GroupWrite<SlackTriageRequest, bool> _enqueue;

    public TriageQueue(IDbContextFactory<TriageDbContext> databases, StorageWriter writer, JobQueue jobs, TimeProvider timeProvider)
    {
        _databases = databases;
        _writer = writer;
        _jobs = jobs;
        _timeProvider = timeProvider;
        _enqueue = new GroupWrite<SlackTriageRequest, bool>(EnqueueBatchAsync, EnqueueAloneAsync);
    }

    /// <summary>
    /// Queues the triage of a mention; false, with nothing written, when the mention was queued before (a duplicate or
    /// retried delivery). A caller that sees an exception has queued nothing.
    /// </summary>
    public async Task<bool> EnqueueAsync(SlackTriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var queued = await _writer.RunAsync(_enqueue, request, cancellationToken);
        if (queued)
        {
            _jobs.Notify();
        }

        return queued;
    }

    /// <summary>
    /// The triage row of a queued mention: written by the first run of its job, found again by any later run (a job
    /// re-run after a crash carries on with the same triage).
    /// </summary>
    public async Task<long> RecordAsync(TriageDbContext db, SlackTriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = await FastInsert.InsertAsync(db, [NewTriage(request)], [nameof(TriageRecord.Id)], cancellationToken);
        var id = written.Count > 0
            ? Convert.ToInt64(written[0][0], System.Globalization.CultureInfo.InvariantCulture)
            : await db.Triages.AsNoTracking()
                .Where(t => t.Channel == request.Channel && t.MentionTs == request.MentionTs)
                .Select(t => t.Id)
                .FirstAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// One insert of the batch's jobs, skipping mentions queued before; a mention twice in the batch is queued by its
    /// first request.
    /// </summary>
    private async Task<IReadOnlyList<bool>> EnqueueBatchAsync(TriageDbContext db, IReadOnlyList<SlackTriageRequest> batch, CancellationToken cancellationToken)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var jobs = new List<JobRecord>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var key = DedupeKey(batch[i].Channel, batch[i].MentionTs);
            if (first.TryAdd(key, i))
            {
                jobs.Add(_jobs.Create(TriageJobHandler.Kind, new TriageJob(0) { Request = batch[i] }, TriageJsonContext.Default.TriageJob, key));
            }
        }

        var queued = (await FastInsert.InsertAsync(db, jobs, [nameof(JobRecord.DedupeKey)], cancellationToken))
            .Select(r => (string)r[0]!)
            .ToHashSet(StringComparer.Ordinal);
        return [.. batch.Select((request, i) =>
        {
            var key = DedupeKey(request.Channel, request.MentionTs);
            return queued.Contains(key) && first[key] == i;
        })];
    }

    /// <summary>One request in its own transaction: the fallback after a batch failed.</summary>
    private async Task<bool> EnqueueAloneAsync(SlackTriageRequest request, CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = (await EnqueueBatchAsync(db, [request], cancellationToken))[0];
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private TriageRecord NewTriage(SlackTriageRequest request) => new()
    {
        Source = "slack",
        TeamId = request.TeamId,
        Channel = request.Channel,
        ThreadTs = request.ThreadTs,
        MentionTs = request.MentionTs,
        RequestedBy = request.UserId,
        Repository = request.Repository,
        CreatedAt = _timeProvider.GetUtcNow(),
    };

    private static string DedupeKey(string channel, string mentionTs) => $"triage:{channel}:{mentionTs}";

    /// <summary>
    /// A triage that waited for a repository gets one and is queued again. Only the first choice counts: a second
    /// click (or a click on an old message) finds the triage no longer waiting and changes nothing.
    /// </summary>
    public Task<bool> ResumeWithRepositoryAsync(long triageId, string repository, CancellationToken cancellationToken) =>
        ResumeAsync(triageId, [TriageStatus.AwaitingRepository], TriageJobMode.Normal, repository, cancellationToken);

    /// <summary>
    /// Queues a triage again when it is in one of the <paramref name="from"/> states (a button's answer: retry,
    /// approve, reuse, diagnose anyway). The state changes and the job is added in one transaction, so of two quick
    /// clicks only the first queues anything.
    /// </summary>
    public async Task<bool> ResumeAsync(long triageId, IReadOnlyCollection<TriageStatus> from, TriageJobMode mode, string? repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var statuses = from.ToList();
        var updated = repository is null
            ? await db.Triages
                .Where(t => t.Id == triageId && statuses.Contains(t.Status))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, TriageStatus.Queued), cancellationToken)
            : await db.Triages
                .Where(t => t.Id == triageId && statuses.Contains(t.Status))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Repository, repository).SetProperty(t => t.Status, TriageStatus.Queued), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        _jobs.Add(db, TriageJobHandler.Kind, new TriageJob(triageId) { Mode = mode }, TriageJsonContext.Default.TriageJob);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _jobs.Notify();
        return true;
    }
}

