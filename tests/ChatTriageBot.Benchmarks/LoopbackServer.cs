using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatTriageBot.Benchmarks;

/// <summary>Small Kestrel servers on 127.0.0.1: the bare baseline endpoint and a stand-in Slack Web API.</summary>
internal static class LoopbackServer
{
    /// <summary>The ceiling: an endpoint that reads the body and answers 200, nothing else.</summary>
    public static async Task<WebApplication> StartBareAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/slack/events", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Answers every Web API method the bot calls with a plausible <c>ok:true</c> body.</summary>
    public static async Task<WebApplication> StartFakeSlackAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var ts = 1700000000_000000L;
        app.MapPost("/api/{method}", (string method) =>
        {
            var next = Interlocked.Increment(ref ts);
            var stamp = $"{next / 1_000_000}.{next % 1_000_000:D6}";
            var body = method switch
            {
                "auth.test" => """{"ok":true,"user_id":"U0BOT","bot_id":"B0BOT","team_id":"T0BENCH","url":"https://bench.slack.com/"}""",
                "chat.postMessage" => $$"""{"ok":true,"channel":"C0BENCH","ts":"{{stamp}}"}""",
                "conversations.replies" => """{"ok":true,"messages":[{"type":"message","user":"U0CUSTOMER","text":"Checkout throws NullReferenceException in CartService.Total","ts":"1700000000.000001"}],"has_more":false}""",
                _ => """{"ok":true}""",
            };
            return Results.Text(body, "application/json");
        });
        await app.StartAsync();
        return app;
    }

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
