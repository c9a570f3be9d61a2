using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Jobs;

/// <summary>What a handler knows about the job it runs.</summary>
internal sealed class JobContext(long jobId, string kind, string payload, int attempt, IDbContextFactory<TriageDbContext> databases, TimeProvider timeProvider)
{
    public long JobId => jobId;

    public string Kind => kind;

    public string Payload => payload;

    /// <summary>1 on the first run; more after failures or a crash.</summary>
    public int Attempt => attempt;

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
    /// returns what it recorded instead of running <paramref name="action"/> again.
    /// </summary>
    public async Task<string> RunOnceAsync(string step, Func<CancellationToken, Task<string>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (await GetStepAsync(step, cancellationToken) is { } recorded)
        {
            return recorded;
        }

        var result = await action(cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.JobSteps.Add(new JobStepRecord { JobId = jobId, Step = step, Result = result, CompletedAt = timeProvider.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return result;
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
}
