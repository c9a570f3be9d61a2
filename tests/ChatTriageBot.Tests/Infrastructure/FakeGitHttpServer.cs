using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// A private git host on 127.0.0.1: git's own smart-HTTP server (<c>git http-backend</c>, run as CGI per request)
/// serving the bare repositories under <see cref="Root"/>, which answers 401 unless the request carries
/// <c>Authorization: Basic base64(x-access-token:<see cref="Token"/>)</c>, as GitHub does for a token.
/// </summary>
public sealed class FakeGitHttpServer : FakeHttpServer
{
    public FakeGitHttpServer(string root, string token)
    {
        Root = root;
        Token = token;
    }

    public string Root { get; }

    public string Token { get; }

    public string ExpectedAuthorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{Token}"));

    protected override async ValueTask<FakeResponse> RespondAsync(RecordedRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Authorization != ExpectedAuthorization)
        {
            return FakeResponse.Text("Unauthorized", StatusCodes.Status401Unauthorized).WithHeader("WWW-Authenticate", "Basic realm=\"fake\"");
        }

        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = Root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["PATH_INFO"] = request.Path;
        start.Environment["QUERY_STRING"] = request.QueryString.TrimStart('?');
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? string.Empty;
        start.Environment["CONTENT_LENGTH"] = request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REMOTE_USER"] = "x-access-token";
        if (request.Header("Content-Encoding") is { } encoding)
        {
            start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        }

        if (request.Header("Git-Protocol") is { } protocol)
        {
            start.Environment["GIT_PROTOCOL"] = protocol;
        }

        using var git = Process.Start(start)!;
        await git.StandardInput.BaseStream.WriteAsync(request.Body, cancellationToken);
        git.StandardInput.Close();
        using var output = new MemoryStream();
        var copy = git.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        _ = await git.StandardError.ReadToEndAsync(cancellationToken);
        await copy;
        await git.WaitForExitAsync(cancellationToken);
        return ParseCgi(output.ToArray());
    }

    /// <summary>CGI output: header lines, a blank line, the body.</summary>
    private static FakeResponse ParseCgi(byte[] output)
    {
        var span = output.AsSpan();
        var end = span.IndexOf("\r\n\r\n"u8);
        var separator = 4;
        if (end < 0)
        {
            end = span.IndexOf("\n\n"u8);
            separator = 2;
        }

        var headers = Encoding.ASCII.GetString(span[..Math.Max(0, end)]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var status = 200;
        string? contentType = null;
        var extra = new List<(string, string)>();
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                status = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                extra.Add((name, value));
            }
        }

        var response = new FakeResponse(status, output.AsMemory(end < 0 ? 0 : end + separator), contentType);
        foreach (var (name, value) in extra.Where(h => !h.Item1.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            response = response.WithHeader(name, value);
        }

        return response;
    }
}
