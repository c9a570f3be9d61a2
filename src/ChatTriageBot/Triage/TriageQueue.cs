using ChatTriageBot.Hosting;
using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// Records a triage and queues the job that performs it. One mention (channel + ts) yields at most one triage, however
/// often it is delivered: the job's dedupe key is the mention. Mentions arriving together are recorded in one
/// transaction (<see cref="StorageWriter"/>).
/// </summary>
public sealed class TriageQueue
{
    private readonly IDbContextFactory<TriageDbContext> _databases;
    private readonly JobQueue _jobs;
    private readonly TimeProvider _timeProvider;
    private readonly StorageWriter _writer;
    private readonly GroupWrite<SlackTriageRequest, (long TriageId, bool Created)> _enqueue;

    public TriageQueue(IDbContextFactory<TriageDbContext> databases, StorageWriter writer, JobQueue jobs, TimeProvider timeProvider)
    {
        _databases = databases;
        _writer = writer;
        _jobs = jobs;
        _timeProvider = timeProvider;
        _enqueue = new GroupWrite<SlackTriageRequest, (long, bool)>(EnqueueBatchAsync, EnqueueAloneAsync);
    }

    public async Task<(long TriageId, bool Created)> EnqueueAsync(SlackTriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _writer.RunAsync(_enqueue, request, cancellationToken);
        if (result.Created)
        {
            _jobs.Notify();
        }

        return result;
    }

    /// <summary>
    /// One insert for the batch's triages, skipping mentions recorded before (they get the existing triage, looked up),
    /// then one insert for their jobs, in the one transaction of the batch. A mention twice in the batch is one triage.
    /// </summary>
    private async Task<IReadOnlyList<(long, bool)>> EnqueueBatchAsync(TriageDbContext db, IReadOnlyList<SlackTriageRequest> requests, CancellationToken cancellationToken)
    {
        var first = new Dictionary<(string, string), int>();
        var rows = new List<TriageRecord>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (first.TryAdd((requests[i].Channel, requests[i].MentionTs), i))
            {
                rows.Add(NewTriage(requests[i]));
            }
        }

        var created = (await FastInsert.InsertAsync(db, rows, [nameof(TriageRecord.Id), nameof(TriageRecord.Channel), nameof(TriageRecord.MentionTs)], cancellationToken))
            .ToDictionary(r => ((string)r[1]!, (string)r[2]!), r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture));
        var missing = first.Keys.Where(k => !created.ContainsKey(k)).ToList();
        var existing = new Dictionary<(string, string), long>();
        if (missing.Count > 0)
        {
            var channels = missing.Select(k => k.Item1).Distinct().ToList();
            var mentions = missing.Select(k => k.Item2).Distinct().ToList();
            foreach (var t in await db.Triages.AsNoTracking()
                .Where(t => channels.Contains(t.Channel!) && mentions.Contains(t.MentionTs!))
                .Select(t => new { t.Id, t.Channel, t.MentionTs })
                .ToListAsync(cancellationToken))
            {
                existing[(t.Channel!, t.MentionTs!)] = t.Id;
            }
        }

        var jobs = created.Select(c => _jobs.Create(TriageJobHandler.Kind, new TriageJob(c.Value), AppJsonContext.Default.TriageJob, DedupeKey(c.Key.Item1, c.Key.Item2))).ToList();
        await FastInsert.InsertAsync(db, jobs, [], cancellationToken);
        return [.. requests.Select((r, i) =>
        {
            var key = (r.Channel, r.MentionTs);
            return created.TryGetValue(key, out var id) ? (id, first[key] == i) : (existing[key], false);
        })];
    }

    private async Task<(long, bool)> EnqueueAloneAsync(SlackTriageRequest request, CancellationToken cancellationToken)
    {
        var triage = NewTriage(request);

        // The triage row and its job commit together: either both exist or neither does.
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.Triages.Add(triage);
            await db.SaveChangesAsync(cancellationToken);
            AddJob(db, triage);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (triage.Id, true);
        }
        catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
        {
            // The unique (channel, mention ts) index: a delivery of the same mention recorded it first.
            await transaction.RollbackAsync(cancellationToken);
            await using var again = await _databases.CreateDbContextAsync(cancellationToken);
            var winner = await again.Triages.AsNoTracking()
                .Where(t => t.Channel == request.Channel && t.MentionTs == request.MentionTs)
                .Select(t => t.Id)
                .FirstAsync(cancellationToken);
            return (winner, false);
        }
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

    private void AddJob(TriageDbContext db, TriageRecord triage) =>
        _jobs.Add(db, TriageJobHandler.Kind, new TriageJob(triage.Id), AppJsonContext.Default.TriageJob, DedupeKey(triage.Channel!, triage.MentionTs!));

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

        _jobs.Add(db, TriageJobHandler.Kind, new TriageJob(triageId) { Mode = mode }, AppJsonContext.Default.TriageJob);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _jobs.Notify();
        return true;
    }
}
