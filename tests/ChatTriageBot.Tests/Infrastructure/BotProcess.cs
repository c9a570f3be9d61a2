using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// The real bot executable (<see cref="AppProcess"/>) wired to fake Slack, OpenAI and GitHub servers, a real git
/// repository hosted on the fake GitHub as <c>acme/shop</c> and a real SQLite file, which a test can kill (SIGKILL)
/// and start again on the same data directory, as a crash and a restart. The fakes and the data outlive the processes;
/// the test reads the database directly.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly ServiceProvider _storage;

    /// <summary>Whether the test stopped the running process itself (killed or terminated it), so its exit is expected.</summary>
    private bool _stopped;

    private BotProcess(Dictionary<string, string> environment, ServiceProvider storage, TempDirectory data)
    {
        _environment = environment;
        _storage = storage;
        Data = data;
    }

    public const string SigningSecret = AppFixture.SigningSecret;

    public FakeSlackServer Slack { get; } = new();

    public FakeOpenAIServer OpenAI { get; } = new();

    public FakeGitHubServer GitHub { get; } = new();

    public TempDirectory Data { get; }

    public TestRepository Repository { get; private set; } = null!;

    /// <summary>The running process, if one runs.</summary>
    public AppProcess? Process { get; private set; }

    /// <summary>Where the running process listens.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>
    /// When the running process said it serves ("Application started"): what a kill test measures a takeover from, so
    /// that the runtime's own start-up on a loaded machine is not counted as the bot's delay.
    /// </summary>
    public DateTimeOffset ReadyAt { get; private set; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the fakes and prepares the settings (the process itself starts with <see cref="StartAsync"/>).</summary>
    public static async Task<BotProcess> CreateAsync(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var data = new TempDirectory("ctb-proc");
        var storage = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = data.Combine("data") }).Build())
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddStorage()
            .BuildServiceProvider();
        var bot = new BotProcess(environment, storage, data);
        await bot.Slack.StartAsync(Ct);
        await bot.OpenAI.StartAsync(Ct);
        await bot.GitHub.StartAsync(Ct);
        bot.Repository = SampleShop.Create();
        environment["Data__Directory"] = data.Combine("data");
        environment["Slack__BotToken"] = bot.Slack.BotToken!;
        environment["Slack__SigningSecret"] = SigningSecret;
        environment["Slack__ApiBaseUrl"] = bot.Slack.BaseUrl.ToString();
        environment["OpenAI__ApiKey"] = "sk-test";
        environment["OpenAI__Endpoint"] = bot.OpenAI.BaseUrl.ToString();
        environment["GitHub__Token"] = bot.GitHub.ExpectedToken!;
        environment["GitHub__ApiBaseUrl"] = bot.GitHub.BaseUrl.ToString();
        environment["Repos__0__Name"] = "acme/shop";
        environment["Repos__0__CloneUrl"] = bot.GitHub.HostRepository("acme", "shop", bot.Repository.Path);
        environment["Access__GenerateFix__0"] = SlackRequests.Engineer;
        environment["Access__OpenPullRequest__0"] = SlackRequests.Engineer;
        environment["Jobs__PollSeconds"] = "1";
        environment["Jobs__RetryBaseSeconds"] = "1";
        environment["Fixes__PullRequestPollMinutes"] = "0";
        environment["CodeContext__FetchIntervalMinutes"] = "0";
        environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return bot;
    }

    /// <summary>Starts the bot on a free loopback port and waits until it serves.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (Process is { HasExited: false })
        {
            throw new InvalidOperationException("the bot is already running");
        }

        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        _stopped = false;
        Process = AppProcess.Start(Data.Path, _environment);
        await Process.WaitForOutputAsync("Application started", timeout ?? TimeSpan.FromSeconds(60));
        ReadyAt = TimeProvider.System.GetUtcNow();
    }

    /// <summary>
    /// Starts another bot process on the same data directory and fakes (another replica), with its own port and the
    /// given settings on top; the caller disposes it.
    /// </summary>
    public async Task<AppProcess> StartAnotherAsync(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>(_environment, StringComparer.Ordinal) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}" };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var other = AppProcess.Start(Data.Path, environment);
        await other.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));
        return other;
    }

    /// <summary>Sets a setting for the next start.</summary>
    public void Set(string key, string value) => _environment[key] = value;

    /// <summary>SIGKILL: no shutdown hook runs, leases are not given back, the job dies where it is.</summary>
    public void Kill()
    {
        _stopped = true;
        Process?.Kill();
    }

    /// <summary>SIGTERM: the bot's graceful stop.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (Process is not { HasExited: false } running)
        {
            return;
        }

        _stopped = true;
        using (var signal = System.Diagnostics.Process.Start("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync(Ct);
        }

        var clock = Stopwatch.StartNew();
        while (!running.HasExited && clock.Elapsed < timeout)
        {
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>A signed <c>app_mention</c> in a thread whose root is a customer's report, as Slack delivers it.</summary>
    public async Task<(string Thread, string Mention)> MentionAsync(string report = SampleShop.CustomerReport, string instruction = "why?")
    {
        var thread = SlackRequests.NextTs();
        Slack.AddMessage(SlackRequests.Channel, thread, report, user: "U0CUSTOMER");
        var mention = SlackRequests.NextTs();
        Slack.AddMessage(SlackRequests.Channel, mention, $"<@{Slack.BotUserId}> {instruction}", user: SlackRequests.Engineer, threadTs: thread);
        using var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(Slack.BotUserId, mention, thread, instruction)), SigningSecret);
        await SendAsync(request);
        return (thread, mention);
    }

    /// <summary>Clicks the button <paramref name="actionId"/> of a message the bot posted or updated.</summary>
    public async Task ClickAsync(SlackCall message, string actionId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var button = message.Buttons().First(b => (string?)b["action_id"] == actionId);
        using var click = SlackRequests.BlockAction(actionId, (string)button["value"]!, SigningSecret, messageTs: message.Argument("ts")!, responseUrl: Slack.NewResponseUrl());
        await SendAsync(click);
    }

    /// <summary>A new context on the bot's database (the caller disposes it).</summary>
    internal TriageDbContext Db() => _storage.GetRequiredService<TriageDbContextFactory>().CreateDbContext();

    /// <summary>Waits until <paramref name="done"/> holds for the database, or fails after <paramref name="timeout"/>.</summary>
    internal async Task<T> WaitForAsync<T>(Func<TriageDbContext, Task<T?>> read, string what, TimeSpan? timeout = null)
        where T : class
    {
        var until = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            await using (var db = Db())
            {
                if (await read(db) is { } found)
                {
                    return found;
                }
            }

            if (!_stopped && Process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"the bot exited while waiting for {what}:\n{exited.StandardError}");
            }

            Assert.True(TimeProvider.System.GetUtcNow() < until, $"timed out waiting for {what}");
            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        await Slack.DisposeAsync();
        await OpenAI.DisposeAsync();
        await GitHub.DisposeAsync();
        await _storage.DisposeAsync();
        if (Repository is not null)
        {
            await Repository.DisposeAsync();
        }

        await Data.DisposeAsync();
    }

    private async Task SendAsync(HttpRequestMessage request)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        if (!request.RequestUri!.IsAbsoluteUri)
        {
            request.RequestUri = new Uri(Address, request.RequestUri);
        }

        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
