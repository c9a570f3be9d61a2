using ChatTriageBot.CodeContext;
using ChatTriageBot.Costs;
using ChatTriageBot.Digest;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Hosting;

/// <summary>
/// The services the command-line verbs need, each verb only its own (so a setting one verb does not read cannot stop
/// it): no web server, no hosted services started, logs on standard error only.
/// </summary>
internal static class CommandLineHost
{
    /// <summary>Triage and locate: the pipeline over a repository, and the model when a key is set.</summary>
    public static void Pipeline(IServiceCollection services)
    {
        services.AddDataOptions();
        services.AddLlm();
        services.AddCodeContext();
        services.AddTriagePipeline();
    }

    /// <summary>The cost report, read from the bot's database.</summary>
    public static void Costs(IServiceCollection services)
    {
        services.AddStorage();
        services.AddCostReports();
    }

    /// <summary>The digest, read from the bot's database, and posted through Slack's Web API when asked to.</summary>
    public static void Digest(IServiceCollection services)
    {
        services.AddStorage();
        services.AddSlackWebApi();
        services.AddDigestPublisher();
    }

    public static IHost Build(Action<IServiceCollection> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddDotEnv();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        if (builder.Configuration["Logging:LogLevel:Default"] is null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        // The verbs report a failed model call themselves, in one plain line; the client's own error log (with the
        // SDK's stack trace) would only repeat it.
        builder.Logging.AddFilter("Microsoft.Extensions.AI", LogLevel.None);
        builder.Services.AddSingleton(TimeProvider.System);
        features(builder.Services);
        return builder.Build();
    }
}
