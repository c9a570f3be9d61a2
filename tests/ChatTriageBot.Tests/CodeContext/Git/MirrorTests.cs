using System.Text;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.CodeContext;

/// <summary>Mirrors of private repositories over real smart HTTP, and their refresh in the background.</summary>
public sealed class MirrorTests : IAsyncLifetime
{
    private const string Token = "ghp_privateMirrorToken0123456789abcdefABCD";
    private readonly TempDirectory _hosted = new("ctb-git-host");
    private readonly TempDirectory _data = new("ctb-mirrors");
    private readonly TestRepository _source = new();
    private FakeGitHttpServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _source.WriteFile("src/app.py", "def main():\n    return 'private'\n");
        _source.Commit("first");
        Directory.CreateDirectory(_hosted.Combine("acme"));
        await GitAsync("clone", "--bare", "--quiet", _source.Path, _hosted.Combine("acme", "private.git"));
        _server = new FakeGitHttpServer(_hosted.Path, Token);
        await _server.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _source.DisposeAsync();
        await _hosted.DisposeAsync();
        await _data.DisposeAsync();
    }

    private string Url => new Uri(_server.BaseAddress, "acme/private.git").AbsoluteUri;

    [Fact]
    public async Task APrivateRepository_IsMirroredWithTheToken_WhichIsSentAsAHeaderAndNeverWrittenToDisk()
    {
        var options = new CodeContextOptions { AccessToken = Token, AccessTokenHost = "127.0.0.1" };

        using var snapshot = await RepositorySnapshot.OpenAsync(Url, null, _data.Path, options, Ct);

        Assert.Equal(_source.HeadSha, snapshot.CommitSha);
        Assert.Contains("private", snapshot.ReadText("src/app.py"), StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.Authorization == _server.ExpectedAuthorization);
        var basic = _server.ExpectedAuthorization["Basic ".Length..];
        foreach (var file in Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            var text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutTheToken_OrWithATokenForAnotherHost_TheCloneFailsClearly_AndNothingLeaks()
    {
        var otherHost = new CodeContextOptions { AccessToken = Token, AccessTokenHost = "github.com" };

        var refused = await Assert.ThrowsAsync<RepositoryException>(() => RepositorySnapshot.OpenAsync(Url, null, _data.Path, otherHost, Ct));

        Assert.StartsWith("Could not clone http://127.0.0.1:", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Requests, r => r.Authorization is not null);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_data.Path, "mirrors")));
    }

    [Fact]
    public async Task TheBackgroundRefresh_FetchesNewCommits_AndWarmsTheirIndex_OnTheSchedule()
    {
        await using var app = new AppFixture()
            .With("Repos:0:CloneUrl", Url)
            .With("GitHub:ApiBaseUrl", _server.BaseAddress.AbsoluteUri)
            .With("GitHub:Token", Token)
            .With("CodeContext:FetchIntervalMinutes", "7");
        await app.InitializeAsync();
        var job = app.Services.GetRequiredService<MirrorRefreshJob>();
        Assert.Equal(1, await job.RefreshAllAsync(Ct));

        _source.WriteFile("src/app.py", "def main():\n    return 'refreshed'\n");
        var second = _source.Commit("second");
        await GitAsync("-C", _hosted.Combine("acme", "private.git"), "fetch", "--quiet", _source.Path, "+main:main");
        Assert.Equal(1, await job.RefreshAllAsync(Ct));

        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CodeContextOptions>>().Value;
        using var snapshot = await RepositorySnapshot.OpenAsync(Url, null, app.Data.Combine("data"), options, Ct);
        Assert.Equal(second, snapshot.CommitSha);
        app.Services.GetRequiredService<CodeIndexStore>().Open(snapshot, out var stats, Ct);
        Assert.Equal(0, stats.Tokenized);

        Assert.Equal(TimeSpan.FromMinutes(7), app.Services.GetRequiredService<MirrorRefreshService>().Interval);
    }

    private static async Task GitAsync(params string[] arguments)
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", arguments) { RedirectStandardError = true })!;
        var error = await git.StandardError.ReadToEndAsync(Ct);
        await git.WaitForExitAsync(Ct);
        Assert.True(git.ExitCode == 0, error);
    }
}
