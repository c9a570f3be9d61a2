using System.Diagnostics;
using System.Text;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// git's own smart-HTTP server (<c>git http-backend</c>, run as CGI for one request) over the bare repositories under a
/// folder: what a git host answers to <c>git clone</c> and <c>git fetch</c>. Authentication is the caller's business.
/// </summary>
public static class GitHttpBackend
{
    /// <summary>Answers <paramref name="request"/> (path <c>/{repository}.git/...</c>) from the repositories under <paramref name="root"/>.</summary>
    public static async Task<FakeResponse> RunAsync(string root, RecordedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = root;
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
