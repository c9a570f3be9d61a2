using System.Text.Json;
using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Jobs;

public sealed class JobQueueTests
{
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<string> StringInfo =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<string>)JsonSerializerOptions.Default.GetTypeInfo(typeof(string));

    [Fact]
    public async Task EnqueuedJob_IsRunOnceAndMarkedSucceeded()
    {
        using var folder = new TempDirectory();
        var script = new RecordingHandler.Script("test.ok", (_, _) => Task.CompletedTask);
        using var host = await JobHost.StartAsync(folder, s => s.AddSingleton(script).AddJobHandler<RecordingHandler>());
        var queue = host.Services.GetRequiredService<JobQueue>();

        var result = await queue.EnqueueAsync("test.ok", "hello", StringInfo, cancellationToken: TestContext.Current.CancellationToken);
        var job = await JobHost.WaitForJobAsync(host, result.JobId, j => j.Status == JobStatus.Succeeded);

        Assert.True(result.Created);
        Assert.Equal(1, job.Attempts);
        var run = Assert.Single(script.Runs);
        Assert.Equal("\"hello\"", run.Payload);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Enqueue_WithSameDedupeKeyTwice_CreatesOneJob()
    {
        using var folder = new TempDirectory();
        var script = new RecordingHandler.Script("test.ok", (_, _) => Task.CompletedTask);
        using var host = await JobHost.StartAsync(folder, s => s.AddSingleton(script).AddJobHandler<RecordingHandler>());
        var queue = host.Services.GetRequiredService<JobQueue>();

        var first = await queue.EnqueueAsync("test.ok", "a", StringInfo, dedupeKey: "event:Ev1", cancellationToken: TestContext.Current.CancellationToken);
        var second = await queue.EnqueueAsync("test.ok", "b", StringInfo, dedupeKey: "event:Ev1", cancellationToken: TestContext.Current.CancellationToken);
        await JobHost.WaitForJobAsync(host, first.JobId, j => j.Status == JobStatus.Succeeded);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.JobId, second.JobId);
        Assert.Single(script.Runs);
    }

    [Fact]
    public async Task FailingHandler_IsRetriedWithBackoffUntilItSucceeds()
    {
        using var folder = new TempDirectory();
        var script = new RecordingHandler.Script("test.flaky", (context, _) =>
            context.Attempt < 3 ? throw new InvalidOperationException("model unavailable") : Task.CompletedTask);
        using var host = await JobHost.StartAsync(folder, s => s.AddSingleton(script).AddJobHandler<RecordingHandler>());
        var queue = host.Services.GetRequiredService<JobQueue>();

        var result = await queue.EnqueueAsync("test.flaky", "x", StringInfo, cancellationToken: TestContext.Current.CancellationToken);
        var job = await JobHost.WaitForJobAsync(host, result.JobId, j => j.Status == JobStatus.Succeeded, TimeSpan.FromSeconds(30));

        Assert.Equal(3, job.Attempts);
        Assert.Equal([1, 2, 3], script.Runs.Select(r => r.Attempt));
        Assert.Contains("model unavailable", job.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerThrowingPermanentError_FailsAtOnceWithoutRetry()
    {
        using var folder = new TempDirectory();
        var script = new RecordingHandler.Script("test.bad", (_, _) => throw new PermanentJobException("thread was deleted"));
        using var host = await JobHost.StartAsync(folder, s => s.AddSingleton(script).AddJobHandler<RecordingHandler>());
        var queue = host.Services.GetRequiredService<JobQueue>();

        var result = await queue.EnqueueAsync("test.bad", "x", StringInfo, cancellationToken: TestContext.Current.CancellationToken);
        var job = await JobHost.WaitForJobAsync(host, result.JobId, j => j.Status == JobStatus.Failed);

        Assert.Equal(1, job.Attempts);
        Assert.Contains("thread was deleted", job.LastError, StringComparison.Ordinal);
        Assert.Single(script.Runs);
    }

    [Fact]
    public async Task JobOfUnknownKind_FailsWithAClearError()
    {
        using var folder = new TempDirectory();
        using var host = await JobHost.StartAsync(folder, _ => { });
        var queue = host.Services.GetRequiredService<JobQueue>();

        var result = await queue.EnqueueAsync("nobody.handles.this", "x", StringInfo, cancellationToken: TestContext.Current.CancellationToken);
        var job = await JobHost.WaitForJobAsync(host, result.JobId, j => j.Status == JobStatus.Failed);

        Assert.Contains("no handler is registered for job kind 'nobody.handles.this'", job.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_WhenJobRunsAgain_ReturnsRecordedResultWithoutRepeatingTheSideEffect()
    {
        using var folder = new TempDirectory();
        var sideEffects = 0;
        var script = new RecordingHandler.Script("test.post", async (context, ct) =>
        {
            var ts = await context.RunOnceAsync("post", _ => Task.FromResult($"ts-{Interlocked.Increment(ref sideEffects)}"), ct);
            if (context.Attempt == 1)
            {
                throw new InvalidOperationException($"crashed after posting {ts}");
            }
        });
        using var host = await JobHost.StartAsync(folder, s => s.AddSingleton(script).AddJobHandler<RecordingHandler>());
        var queue = host.Services.GetRequiredService<JobQueue>();

        var result = await queue.EnqueueAsync("test.post", "x", StringInfo, cancellationToken: TestContext.Current.CancellationToken);
        var job = await JobHost.WaitForJobAsync(host, result.JobId, j => j.Status == JobStatus.Succeeded, TimeSpan.FromSeconds(30));

        Assert.Equal(2, job.Attempts);
        Assert.Equal(1, sideEffects);
    }

    [Fact]
    public async Task ExpiredLease_OfAWorkerThatDied_IsTakenOverByAnotherWorker()
    {
        using var folder = new TempDirectory();
        var script = new RecordingHandler.Script("test.ok", (_, _) => Task.CompletedTask);
        using var host = await JobHost.StartAsync(folder, s => s.AddSingleton(script).AddJobHandler<RecordingHandler>());
        var factory = host.Services.GetRequiredService<TriageDbContextFactory>();
        long id;
        await using (var db = factory.CreateDbContext())
        {
            // What a process killed mid-job leaves behind: Running, owned by a worker that no longer renews the lease.
            var orphan = new JobRecord
            {
                Kind = "test.ok",
                Payload = "\"orphan\"",
                Status = JobStatus.Running,
                Attempts = 1,
                MaxAttempts = 5,
                LeaseOwner = "dead-host/123/abcdef01",
                LeaseExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1),
                RunAfter = DateTimeOffset.FromUnixTimeSeconds(1),
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1),
            };
            db.Jobs.Add(orphan);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = orphan.Id;
        }

        host.Services.GetRequiredService<JobSignal>().Notify();
        var job = await JobHost.WaitForJobAsync(host, id, j => j.Status == JobStatus.Succeeded);

        Assert.Equal(2, job.Attempts);
        Assert.Single(script.Runs);
    }

    [Fact]
    public async Task LeasedJob_CannotBeLeasedTwice()
    {
        using var folder = new TempDirectory();
        using var host = await JobHost.StartAsync(folder, _ => { }, new() { ["Jobs:Workers"] = "1", ["Jobs:PollSeconds"] = "600" });
        var queue = host.Services.GetRequiredService<JobQueue>();
        await host.StopAsync(TestContext.Current.CancellationToken);

        await queue.EnqueueAsync("test.any", "x", StringInfo, cancellationToken: TestContext.Current.CancellationToken);
        var first = await queue.TryLeaseAsync("worker-a", TestContext.Current.CancellationToken);
        var second = await queue.TryLeaseAsync("worker-b", TestContext.Current.CancellationToken);

        Assert.NotNull(first);
        Assert.Null(second);
    }
}
