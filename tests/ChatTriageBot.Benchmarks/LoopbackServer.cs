using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatTriageBot.Benchmarks;

/// <summary>Small Kestrel servers on 127.0.0.1: the bare baseline endpoint, a stand-in Slack Web API and a stand-in model.</summary>
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

    /// <summary>
    /// Answers every Web API method the bot calls with a plausible <c>ok:true</c> body; with <paramref name="posts"/>,
    /// records what the bot posts and updates.
    /// </summary>
    public static async Task<WebApplication> StartFakeSlackAsync(SlackPostLog? posts = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var ts = 1800000000_000000L;
        app.MapPost("/api/{method}", async (string method, HttpContext context) =>
        {
            var next = Interlocked.Increment(ref ts);
            var stamp = $"{next / 1_000_000}.{next % 1_000_000:D6}";
            var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
            var text = string.Empty;
            if (method is "chat.postMessage" or "chat.update" or "conversations.replies" or "chat.getPermalink")
            {
                using var reader = new StreamReader(context.Request.Body);
                text = await reader.ReadToEndAsync(context.RequestAborted);
                arguments = Arguments(context.Request.ContentType, text);
            }

            if (posts is not null && method == "chat.postMessage")
            {
                posts.Posted(arguments.GetValueOrDefault("thread_ts") ?? stamp, stamp, text);
            }
            else if (posts is not null && method == "chat.update" && arguments.GetValueOrDefault("ts") is { } updated)
            {
                posts.Updated(updated, text);
            }

            // The thread asked for is the mention itself, as for a mention outside a thread.
            var thread = arguments.GetValueOrDefault("ts") ?? arguments.GetValueOrDefault("message_ts") ?? "1700000000.000001";
            var body = method switch
            {
                "auth.test" => """{"ok":true,"user_id":"U0BOT","bot_id":"B0BOT","team_id":"T0BENCH","url":"https://bench.slack.com/"}""",
                "chat.postMessage" => $$"""{"ok":true,"channel":"C0BENCH","ts":"{{stamp}}"}""",
                "chat.getPermalink" => $$"""{"ok":true,"channel":"C0BENCH","permalink":"https://bench.slack.com/archives/C0BENCH/p{{thread.Replace(".", string.Empty, StringComparison.Ordinal)}}"}""",
                "users.info" => """{"ok":true,"user":{"id":"U0ENGINEER","name":"engineer","real_name":"Engineer","is_bot":false,"profile":{"display_name":"engineer","real_name":"Engineer"}}}""",
                "conversations.replies" => $$"""{"ok":true,"messages":[{"type":"message","user":"U0ENGINEER","text":"<@U0BOT> checkout throws NullReferenceException in CartService.Total when the cart is empty","ts":"{{thread}}","thread_ts":"{{thread}}"}],"has_more":false}""",
                _ => """{"ok":true}""",
            };
            return Results.Text(body, "application/json");
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// Answers every chat completion with <paramref name="content"/> (and a response id of its own, as the ledger keys
    /// rows by it), at <c>/v1/chat/completions</c>.
    /// </summary>
    public static async Task<WebApplication> StartFakeModelAsync(string content)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var number = 0L;
        app.MapPost("/v1/chat/completions", () =>
        {
            var id = Interlocked.Increment(ref number);
            var completion = new JsonObject
            {
                ["id"] = $"chatcmpl-bench{id}",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000 + id,
                ["model"] = "gpt-4o-mini",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1500, ["completion_tokens"] = 200, ["total_tokens"] = 1700 },
            };
            return Results.Text(completion.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        return app;
    }

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The top-level string arguments of a Web API call, sent as JSON or as a form.</summary>
    private static Dictionary<string, string> Arguments(string? contentType, string body)
    {
        if (contentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            return JsonNode.Parse(body) is JsonObject json
                ? json.Where(p => p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal)
                : [];
        }

        return QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
