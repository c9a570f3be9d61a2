using ChatTriageBot.Hosting;
using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// Records a triage and queues the job that performs it. One mention (channel + ts) yields at most one triage, however
/// often it is delivered: the job's dedupe key is the mention. Mentions arriving together are recorded in one
/// transaction (<see cref="StorageWriter"/>), and a Slack delivery's dedupe keys can be claimed in that same transaction
/// (<see cref="EnqueueDeliveryAsync"/>).
/// </summary>
public sealed class TriageQueue
{
    private readonly IDbContextFactory<TriageDbContext> _databases;
    private readonly JobQueue _jobs;
    private readonly TimeProvider _timeProvider;
    private readonly StorageWriter _writer;
    private readonly DeliveryClaims _claims;
    private readonly GroupWrite<PendingTriage, (long TriageId, bool Created)?> _enqueue;

    public TriageQueue(IDbContextFactory<TriageDbContext> databases, StorageWriter writer, DeliveryClaims claims, JobQueue jobs, TimeProvider timeProvider)
    {
        _databases = databases;
        _writer = writer;
        _claims = claims;
        _jobs = jobs;
        _timeProvider = timeProvider;
        _enqueue = new GroupWrite<PendingTriage, (long, bool)?>(EnqueueBatchAsync, EnqueueAloneAsync);
    }

    /// <summary>Records the triage of a mention (or finds the one recorded before) and queues its job.</summary>
    public async Task<(long TriageId, bool Created)> EnqueueAsync(SlackTriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await RunAsync(new PendingTriage(request, []), cancellationToken))!.Value;
    }

    /// <summary>
    /// As <see cref="EnqueueAsync"/>, claiming the Slack delivery's <paramref name="deliveryKeys"/> in the same
    /// transaction; null, with nothing written, when any key was claimed before (a duplicate delivery).
    /// </summary>
    public Task<(long TriageId, bool Created)?> EnqueueDeliveryAsync(SlackTriageRequest request, IReadOnlyList<string> deliveryKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(deliveryKeys);
        return RunAsync(new PendingTriage(request, [.. deliveryKeys.Distinct(StringComparer.Ordinal)]), cancellationToken);
    }

    private async Task<(long TriageId, bool Created)?> RunAsync(PendingTriage pending, CancellationToken cancellationToken)
    {
        var result = await _writer.RunAsync(_enqueue, pending, cancellationToken);
        if (result is { Created: true })
        {
            _jobs.Notify();
        }

        return result;
    }

    /// <summary>
    /// The batch's delivery claims first; then one insert for the admitted requests' triages, skipping mentions recorded
    /// before (they get the existing triage, looked up), then one insert for their jobs, all in the one transaction of
    /// the batch. A mention twice in the batch is one triage.
    /// </summary>
    private async Task<IReadOnlyList<(long, bool)?>> EnqueueBatchAsync(TriageDbContext db, IReadOnlyList<PendingTriage> batch, CancellationToken cancellationToken)
    {
        var admitted = await _claims.ClaimAsync(db, [.. batch.Select(p => p.DeliveryKeys)], cancellationToken);
        var first = new Dictionary<(string, string), int>();
        var rows = new List<TriageRecord>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (admitted[i] && first.TryAdd((batch[i].Request.Channel, batch[i].Request.MentionTs), i))
            {
                rows.Add(NewTriage(batch[i].Request));
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
        return [.. batch.Select((p, i) =>
        {
            if (!admitted[i])
            {
                return ((long, bool)?)null;
            }

            var key = (p.Request.Channel, p.Request.MentionTs);
            return created.TryGetValue(key, out var id) ? (id, first[key] == i) : (existing[key], false);
        })];
    }

    /// <summary>One request in its own transaction: the fallback after a batch failed.</summary>
    private async Task<(long, bool)?> EnqueueAloneAsync(PendingTriage pending, CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = (await EnqueueBatchAsync(db, [pending], cancellationToken))[0];
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

        _jobs.Add(db, TriageJobHandler.Kind, new TriageJob(triageId) { Mode = mode }, AppJsonContext.Default.TriageJob);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _jobs.Notify();
        return true;
    }
}

/// <summary>A mention to record, with the dedupe keys of the Slack delivery that brought it (none when not from one).</summary>
internal sealed record PendingTriage(SlackTriageRequest Request, IReadOnlyList<string> DeliveryKeys);
