using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Hosting;

/// <summary>The services the command-line verbs need: no Slack, no web server, logs on standard error only.</summary>
internal static class CommandLineHost
{
    public static IHost Build()
    {
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
        builder.Services.AddDataOptions();
        builder.Services.AddLlm();
        builder.Services.AddCodeContext();
        builder.Services.AddTriagePipeline();
        return builder.Build();
    }
}
