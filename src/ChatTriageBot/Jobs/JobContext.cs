using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Jobs;

/// <summary>What a handler knows about the job it runs.</summary>
internal sealed class JobContext(long jobId, string kind, string payload, int attempt, IDbContextFactory<TriageDbContext> databases, TimeProvider timeProvider)
{
    /// <summary>Suffix of the step recorded just before a side effect starts (see <see cref="RunOnceAsync(string, Func{bool, CancellationToken, Task{string}}, CancellationToken)"/>).</summary>
    public const string BegunSuffix = ":begun";

    public long JobId => jobId;

    public string Kind => kind;

    public string Payload => payload;

    /// <summary>1 on the first run; more after failures or a crash.</summary>
    public int Attempt => attempt;

    /// <summary>An earlier run of this job started and never finished (its process died or stopped): this run carries on from it.</summary>
    public bool Resumed { get; init; }

    /// <summary>Reads the payload; a payload that cannot be read fails the job for good.</summary>
    public T GetPayload<T>(JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, typeInfo)
                ?? throw new PermanentJobException($"Job {jobId} ({kind}) has an empty payload.");
        }
        catch (JsonException exception)
        {
            throw new PermanentJobException($"Job {jobId} ({kind}) has a malformed payload: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Performs a side effect once per job: if an earlier run of this job already completed <paramref name="step"/>,
    /// returns what it recorded instead of running <paramref name="action"/> again. For side effects that are idempotent
    /// by themselves or cannot be found again (a reaction, an ephemeral notice): a crash between the effect and its record
    /// repeats it.
    /// </summary>
    public Task<string> RunOnceAsync(string step, Func<CancellationToken, Task<string>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunOnceAsync(step, (_, ct) => action(ct), cancellationToken);
    }

    /// <summary>
    /// Performs a side effect once per job, recording that it begins before it starts and what it returned after it
    /// finished. <paramref name="action"/> is told whether an earlier run began it without recording its end (it died
    /// in between): then the effect may have happened, and the action must look for it (a Slack message by its
    /// metadata, a GitHub branch by its name) before doing it again. On the first try nothing is looked up.
    /// </summary>
    public async Task<string> RunOnceAsync(string step, Func<bool, CancellationToken, Task<string>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentException.ThrowIfNullOrEmpty(step);
        var begun = step + BegunSuffix;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var recorded = await db.JobSteps.AsNoTracking()
                .Where(s => s.JobId == jobId && (s.Step == step || s.Step == begun))
                .Select(s => new { s.Step, s.Result })
                .ToListAsync(cancellationToken);
            if (recorded.FirstOrDefault(s => s.Step == step) is { } done)
            {
                return done.Result;
            }

            var mayHaveHappened = recorded.Count > 0;
            if (!mayHaveHappened)
            {
                db.JobSteps.Add(new JobStepRecord { JobId = jobId, Step = begun, Result = string.Empty, CompletedAt = timeProvider.GetUtcNow() });
                await db.SaveChangesAsync(cancellationToken);
            }

            var result = await action(mayHaveHappened, cancellationToken);
            db.JobSteps.Add(new JobStepRecord { JobId = jobId, Step = step, Result = result, CompletedAt = timeProvider.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
    }

    /// <summary>What an earlier run recorded for <paramref name="step"/>, or null.</summary>
    public async Task<string?> GetStepAsync(string step, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.JobSteps.AsNoTracking()
            .Where(s => s.JobId == jobId && s.Step == step)
            .Select(s => s.Result)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records <paramref name="result"/> for <paramref name="step"/> unless a result is there already; returns the recorded one.</summary>
    public async Task<string> RecordAsync(string step, string result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (await GetStepAsync(step, cancellationToken) is { } recorded)
        {
            return recorded;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.JobSteps.Add(new JobStepRecord { JobId = jobId, Step = step, Result = result, CompletedAt = timeProvider.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
