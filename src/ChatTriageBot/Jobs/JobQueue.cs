using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Jobs;

/// <summary>
/// The durable work queue: jobs are rows; a worker takes a time-limited lease on one, renews it while it works, and
/// either completes it or schedules a retry. A lease that runs out (the process died) makes the job available again.
/// Leasing is a compare-and-set on (id, attempts, status), so it is safe between processes and replicas. On PostgreSQL
/// the candidate is first locked with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers of several replicas each take
/// a different job instead of all racing for the oldest one.
/// </summary>
internal sealed class JobQueue(
    IDbContextFactory<TriageDbContext> databases,
    JobSignal signal,
    TimeProvider timeProvider,
    IOptions<JobsOptions> options)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Adds a job. With a <paramref name="dedupeKey"/>, a second enqueue of the same key adds nothing and returns the
    /// first job's id, which is how one Slack delivery becomes at most one job.
    /// </summary>
    public async Task<EnqueueResult> EnqueueAsync<T>(
        string kind,
        T payload,
        JsonTypeInfo<T> typeInfo,
        string? dedupeKey = null,
        DateTimeOffset? runAfter = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var now = timeProvider.GetUtcNow();
        var job = new JobRecord
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, typeInfo),
            DedupeKey = dedupeKey,
            MaxAttempts = options.Value.MaxAttempts,
            RunAfter = runAfter ?? now,
            CreatedAt = now,
        };

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (dedupeKey is not null
            && await db.Jobs.AsNoTracking().Where(j => j.DedupeKey == dedupeKey).Select(j => (long?)j.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            return new EnqueueResult(existing, Created: false);
        }

        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (dedupeKey is not null && StorageErrors.IsUniqueViolation(exception))
        {
            // Another request with the same key won the race between our check and our insert.
            await using var again = await databases.CreateDbContextAsync(cancellationToken);
            var winner = await again.Jobs.AsNoTracking().Where(j => j.DedupeKey == dedupeKey).Select(j => j.Id).FirstAsync(cancellationToken);
            return new EnqueueResult(winner, Created: false);
        }

        signal.Notify();
        return new EnqueueResult(job.Id, Created: true);
    }

    /// <summary>
    /// Adds a job to <paramref name="db"/> without saving, so it commits in the caller's transaction together with the
    /// caller's own rows (one commit instead of two). Call <see cref="Notify"/> once the transaction has committed.
    /// </summary>
    public JobRecord Add<T>(TriageDbContext db, string kind, T payload, JsonTypeInfo<T> typeInfo, string? dedupeKey = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var job = Create(kind, payload, typeInfo, dedupeKey);
        db.Jobs.Add(job);
        return job;
    }

    /// <summary>A new job row, not yet added anywhere (for callers that insert rows in bulk).</summary>
    public JobRecord Create<T>(string kind, T payload, JsonTypeInfo<T> typeInfo, string? dedupeKey = null)
    {
        var now = timeProvider.GetUtcNow();
        return new JobRecord
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, typeInfo),
            DedupeKey = dedupeKey,
            MaxAttempts = options.Value.MaxAttempts,
            RunAfter = now,
            CreatedAt = now,
        };
    }

    /// <summary>Wakes an idle worker in this process (after a commit that added jobs).</summary>
    public void Notify() => signal.Notify();

    /// <summary>
    /// Takes the lease on the next due job, or returns null when there is none. A job whose lease ran out (its process
    /// died) comes back <see cref="LeasedJob.Resumed"/>; one whose last attempt died so comes back
    /// <see cref="LeasedJob.Exhausted"/>, to be failed rather than run again (no crash loop on a job that kills its process).
    /// </summary>
    public async Task<LeasedJob?> TryLeaseAsync(string owner, CancellationToken cancellationToken)
    {
        var lease = options.Value.Lease;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);

        // A few candidates, so that losing a race to another worker does not leave this one idle for a whole poll.
        var postgres = db is PostgresTriageDbContext;
        for (var round = 0; round < 5; round++)
        {
            var now = timeProvider.GetUtcNow();
            await using var locked = postgres ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var candidates = postgres
                ? await LockNextAsync(db, now, cancellationToken)
                : await db.Jobs.AsNoTracking()
                    .Where(j => (j.Status == JobStatus.Pending && j.RunAfter <= now)
                        || (j.Status == JobStatus.Running && j.LeaseExpiresAt < now))
                    .OrderBy(j => j.RunAfter).ThenBy(j => j.Id)
                    .Select(j => new Candidate(j.Id, j.Kind, j.Payload, j.Attempts, j.MaxAttempts, j.Status))
                    .Take(4)
                    .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return null;
            }

            foreach (var candidate in candidates)
            {
                var exhausted = candidate.Attempts >= candidate.MaxAttempts;
                var taken = await db.Jobs
                    .Where(j => j.Id == candidate.Id && j.Attempts == candidate.Attempts && j.Status == candidate.Status)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(j => j.Status, JobStatus.Running)
                            .SetProperty(j => j.LeaseOwner, owner)
                            .SetProperty(j => j.LeaseExpiresAt, now + lease)
                            .SetProperty(j => j.Attempts, exhausted ? candidate.Attempts : candidate.Attempts + 1),
                        cancellationToken);
                if (taken == 1)
                {
                    if (locked is not null)
                    {
                        await locked.CommitAsync(cancellationToken);
                    }

                    return new LeasedJob(candidate.Id, candidate.Kind, candidate.Payload, exhausted ? candidate.Attempts : candidate.Attempts + 1, candidate.MaxAttempts)
                    {
                        Resumed = candidate.Status == JobStatus.Running,
                        Exhausted = exhausted,
                    };
                }
            }
        }

        return null;
    }

    /// <summary>
    /// PostgreSQL: the next due job, locked for the caller's transaction; a job another worker has locked is skipped,
    /// not waited for, so concurrent workers never queue on one row or lose a race for it.
    /// </summary>
    private static async Task<List<Candidate>> LockNextAsync(TriageDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (pending, running) = (nameof(JobStatus.Pending), nameof(JobStatus.Running));
        var rows = await db.Jobs.FromSql($"""
            SELECT * FROM jobs
            WHERE ("Status" = {pending} AND "RunAfter" <= {now}) OR ("Status" = {running} AND "LeaseExpiresAt" < {now})
            ORDER BY "RunAfter", "Id"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Select(j => new Candidate(j.Id, j.Kind, j.Payload, j.Attempts, j.MaxAttempts, j.Status))];
    }

    private sealed record Candidate(long Id, string Kind, string Payload, int Attempts, int MaxAttempts, JobStatus Status);

    /// <summary>When the next job falls due: the earliest retry time of a waiting job or end of a running job's lease; null when there is none.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var pending = await db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Pending)
            .OrderBy(j => j.RunAfter).Select(j => (DateTimeOffset?)j.RunAfter).FirstOrDefaultAsync(cancellationToken);
        var running = await db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Running && j.LeaseExpiresAt != null)
            .OrderBy(j => j.LeaseExpiresAt).Select(j => j.LeaseExpiresAt).FirstOrDefaultAsync(cancellationToken);
        return pending is null ? running : running is null ? pending : pending < running ? pending : running;
    }

    /// <summary>
    /// Ends at once the leases held by earlier runs of this instance (owners starting with <paramref name="instancePrefix"/>
    /// other than <paramref name="owner"/>): those runs are dead, since this process holds the instance, so their jobs
    /// need not wait for the leases to run out. Returns how many jobs were taken back.
    /// </summary>
    public async Task<int> ReclaimAsync(string instancePrefix, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instancePrefix);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var mine = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Running && j.LeaseOwner != null && j.LeaseOwner != owner)
            .Select(j => new { j.Id, j.LeaseOwner })
            .ToListAsync(cancellationToken);
        var ids = mine.Where(j => j.LeaseOwner!.StartsWith(instancePrefix, StringComparison.Ordinal)).Select(j => j.Id).ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        // Expired a moment ago, so the next lease (ours or another worker's) sees them as resumed.
        return await db.Jobs
            .Where(j => ids.Contains(j.Id) && j.Status == JobStatus.Running && j.LeaseOwner != owner)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, now.AddMilliseconds(-1)), cancellationToken);
    }

    /// <summary>Extends the lease; false means it was lost (it expired and someone else took the job).</summary>
    public async Task<bool> RenewAsync(long jobId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var until = timeProvider.GetUtcNow() + options.Value.Lease;
        return await db.Jobs
            .Where(j => j.Id == jobId && j.LeaseOwner == owner && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, until), cancellationToken) == 1;
    }

    public async Task CompleteAsync(long jobId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await db.Jobs
            .Where(j => j.Id == jobId && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(
                set => set.SetProperty(j => j.Status, JobStatus.Succeeded)
                    .SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null),
                cancellationToken);
    }

    /// <summary>Records a failed attempt: a retry later with exponential backoff, or the end when none are left.</summary>
    public async Task<bool> FailAsync(LeasedJob job, string owner, string error, bool permanent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = timeProvider.GetUtcNow();
        var retry = !permanent && job.Attempt < job.MaxAttempts;
        var delay = TimeSpan.FromSeconds(options.Value.RetryBaseSeconds * Math.Pow(2, job.Attempt - 1));
        if (delay > MaxRetryDelay)
        {
            delay = MaxRetryDelay;
        }

        var message = error.Length > 2000 ? error[..2000] : error;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Jobs
            .Where(j => j.Id == job.Id && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(
                set => set.SetProperty(j => j.Status, retry ? JobStatus.Pending : JobStatus.Failed)
                    .SetProperty(j => j.RunAfter, now + delay)
                    .SetProperty(j => j.CompletedAt, retry ? null : now)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.LastError, message),
                cancellationToken);
        return retry;
    }

    /// <summary>
    /// Gives a job back without counting the attempt (this process is shutting down): its lease ends now, so the next
    /// worker to look takes it, as a resumed job.
    /// </summary>
    public async Task ReleaseAsync(long jobId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await db.Jobs
            .Where(j => j.Id == jobId && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(
                set => set.SetProperty(j => j.Attempts, j => j.Attempts - 1)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, now.AddMilliseconds(-1)),
                cancellationToken);
    }
}
