using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ChatTriageBot.Slack;

/// <summary>
/// Runs before every Slack endpoint: checks the content type (415), reads the raw body with a size cap (413),
/// answers the slash-command SSL probe, and verifies the signature over the bytes exactly as received (401 with an
/// empty body, logged with the reason but never the secret or the body). The verified bytes are handed on in
/// <see cref="SlackRequestBody"/>.
/// </summary>
internal sealed class SlackRequestFilter(
    SlackSignatureVerifier verifier,
    SlackMetrics metrics,
    IOptions<SlackOptions> options,
    ILogger<SlackRequestFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var request = http.Request;
        var expected = http.GetEndpoint()?.Metadata.GetMetadata<SlackContentType>();
        if (expected is not null && !expected.Matches(request.ContentType))
        {
            SlackLog.Malformed(logger, request.Path, $"content type '{request.ContentType}'");
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadAsync(request.Body, request.ContentLength, limit, http.RequestAborted);
        if (body is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Dictionary<string, StringValues>? form = null;
        if (expected?.IsForm == true)
        {
            try
            {
                using var reader = new FormReader(System.Text.Encoding.UTF8.GetString(body));
                form = await reader.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                form = null;
            }

            // Slack probes a slash command's URL with an unsigned ssl_check; answer it and do nothing else.
            if (form is not null && form.TryGetValue("ssl_check", out var ssl) && ssl == "1")
            {
                return TypedResults.Ok();
            }
        }

        var check = verifier.Verify(body, request.Headers[SlackSignatureVerifier.TimestampHeader], request.Headers[SlackSignatureVerifier.SignatureHeader]);
        if (check != SignatureCheck.Valid)
        {
            SlackLog.SignatureRefused(logger, request.Path, check);
            metrics.Refused(check.ToString());
            return TypedResults.Unauthorized();
        }

        http.Features.Set(new SlackRequestBody(body, form));
        return await next(context);
    }

    private static async Task<byte[]?> ReadAsync(Stream body, long? length, int limit, CancellationToken cancellationToken)
    {
        if (length is { } declared)
        {
            // Slack always declares the length (already checked against the limit): read into an array of exactly
            // that size, with no copy. The server frames the body by that length, so nothing follows it.
            var exact = new byte[declared];
            var filled = 0;
            int got;
            while (filled < exact.Length && (got = await body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += got;
            }

            return filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
