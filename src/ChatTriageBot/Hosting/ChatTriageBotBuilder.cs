using ChatTriageBot.Costs;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Fixes;
using ChatTriageBot.Jobs;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;
using Quartz;

namespace ChatTriageBot.Hosting;

/// <summary>The composition root: each feature contributes an AddXxx and, where it serves HTTP, a MapXxx.</summary>
internal static class ChatTriageBotBuilder
{
    /// <summary>
    /// The web application builder the bot is served from. Configuration is read once at start and validated there,
    /// so files are not watched for changes: watching the content root would also wake on every write of the SQLite
    /// database under <c>data/</c>, costing CPU on every Slack delivery.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? contentRoot = null) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = contentRoot,
        });

    public static WebApplicationBuilder AddChatTriageBot(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddDotEnv();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStorage();
        builder.Services.AddJobs().AddJobWorker();
        builder.Services.AddSlack();
        builder.Services.AddSingleton<ISlackDeliveryLedger, SlackDeliveryLedger>();
        builder.Services.AddRepositoryRegistry();
        builder.Services.AddLlm();
        builder.Services.AddCodeContext();
        builder.Services.AddCosts();
        builder.Services.AddTriage();
        builder.Services.AddFixes(builder.Configuration);

        builder.Services.AddScheduler(builder.Configuration);
        builder.Services.AddMirrorRefresh();
        builder.Services.AddTelemetry();
        return builder;
    }

    public static WebApplication MapChatTriageBot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealth();
        app.MapSlack();
        app.MapFixes();
        return app;
    }

    /// <summary>Checks the configuration, then serves until stopped. A configuration problem ends it with exit code 1.</summary>
    public static async Task<int> RunChatTriageBotAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var problems = StartupProblems.Check(app.Services);
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync("ChatTriageBot cannot start; fix these settings (environment, .env or appsettings.json):");
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            return 1;
        }

        await app.RunAsync();
        return 0;
    }
}
