using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatTriageBot.Tests.Jobs;

/// <summary>A real host with real storage (<see cref="TestDatabase"/>) and the real job worker; the test supplies the handlers.</summary>
internal static class JobHost
{
    public static async Task<IHost> StartAsync(TempDirectory folder, Action<IServiceCollection> handlers, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Directory"] = folder.Combine("data"),
            ["Jobs:PollSeconds"] = "1",
            ["Jobs:RetryBaseSeconds"] = "1",
            ["Jobs:LeaseSeconds"] = "3",
        });
        builder.Configuration.AddInMemoryCollection(TestDatabase.Settings(folder));
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        TestOutputLoggerProvider.Install(builder.Logging);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStorage();
        builder.Services.AddJobs().AddJobWorker();
        handlers(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public static async Task<JobRecord> WaitForJobAsync(IHost host, long id, Func<JobRecord, bool> done, TimeSpan? timeout = null)
    {
        var factory = host.Services.GetRequiredService<TriageDbContextFactory>();
        var limit = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            await using (var db = factory.CreateDbContext())
            {
                var job = await db.Jobs.FindAsync([id], TestContext.Current.CancellationToken);
                if (job is not null && done(job))
                {
                    return job;
                }

                if (DateTime.UtcNow > limit)
                {
                    throw new TimeoutException($"job {id} is {job?.Status} after {job?.Attempts} attempts: {job?.LastError}");
                }
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
