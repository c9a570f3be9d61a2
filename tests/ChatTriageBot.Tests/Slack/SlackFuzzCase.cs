using System.Globalization;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Tests.Slack;

/// <summary>One fuzz case: where it goes, its content type (empty: none), and its body, which the sender signs.</summary>
internal sealed record SlackFuzzCase(string Kind, string Path, string ContentType, byte[] Body)
{
    /// <summary>The case as a request to <paramref name="app"/>, signed at <paramref name="now"/> with <paramref name="signingSecret"/> as Slack signs.</summary>
    public HttpRequestMessage Signed(Uri app, string signingSecret, DateTimeOffset now)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app, Path)) { Content = new ByteArrayContent(Body) };
        if (ContentType.Length > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        else
        {
            request.Content.Headers.ContentType = null;
        }

        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.Sign(signingSecret, timestamp, Body));
        return request;
    }
}
