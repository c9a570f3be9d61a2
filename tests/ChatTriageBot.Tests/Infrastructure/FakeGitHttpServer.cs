using System.Text;
using Microsoft.AspNetCore.Http;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// A private git host on 127.0.0.1: git's own smart-HTTP server (<see cref="GitHttpBackend"/>) serving the bare
/// repositories under <see cref="Root"/>, which answers 401 unless the request carries
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

        return await GitHttpBackend.RunAsync(Root, request, cancellationToken);
    }
}
