using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// Realistic, correctly signed <c>event_callback</c> deliveries carrying an <c>app_mention</c>: mention number
/// <c>n</c> has its own event id and message timestamp (<see cref="Ts"/>), so the benchmarks can find its thread.
/// </summary>
internal static class SignedMention
{
    public const string Secret = "bench-signing-secret-0123456789ab";

    public const string Channel = "C0BENCH";

    /// <summary>The message timestamp of mention <paramref name="n"/> (the thread the bot answers in).</summary>
    public static string Ts(int n) => string.Create(CultureInfo.InvariantCulture, $"{1700000000 + (n / 1000)}.{n % 1000000:D6}");

    /// <summary>Mention <paramref name="n"/> as Slack delivers it to <paramref name="app"/>'s <c>POST /slack/events</c>, signed now.</summary>
    public static HttpRequestMessage Create(Uri app, int n)
    {
        var ts = Ts(n);
        var body = $$$"""
            {"token":"deprecated","team_id":"T0BENCH","api_app_id":"A0BENCH","type":"event_callback","event_id":"Ev{{{n:D10}}}","event_time":1700000000,
             "authorizations":[{"team_id":"T0BENCH","user_id":"U0BOT","is_bot":true}],
             "event":{"type":"app_mention","user":"U0ENGINEER","text":"<@U0BOT> checkout throws NullReferenceException in CartService.Total when the cart is empty","ts":"{{{ts}}}","channel":"{{{Channel}}}","event_ts":"{{{ts}}}","team":"T0BENCH"}}
            """;
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app, "slack/events")) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.Sign(Secret, timestamp, bytes));
        return request;
    }
}
