using System.Net;
using System.Text.Json.Nodes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// The real app (<see cref="WebApplicationFactory{TEntryPoint}"/> on Kestrel, 127.0.0.1, a random port), wired to fake Slack, OpenAI and GitHub
/// servers on 127.0.0.1, a real database (a SQLite file in a temp folder, or a PostgreSQL database of its own: see
/// <see cref="TestDatabase"/>) and a real git repository. Settings are the same keys an
/// operator sets; a test can add or override them before the app starts. The app's logs go to the test's output
/// (<see cref="Logs"/>). The helpers below do what a person in Slack does (mention the bot, click a button) and read
/// what the app did (its database, a triage's status).
/// </summary>
public sealed class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    public AppFixture()
    {
        // Real sockets on loopback, not the in-memory test server: Slack's requests arrive over real HTTP.
        UseKestrel(0);
    }

    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    public FakeSlackServer Slack { get; } = new();

    public FakeOpenAIServer OpenAI { get; } = new();

    public FakeGitHubServer GitHub { get; } = new();

    public TempDirectory Data { get; } = new("ctb-app");

    public TestRepository Repository { get; private set; } = null!;

    /// <summary>What the app logged (its own messages from Information up, others from Warning up), also in the test's output.</summary>
    public TestOutputLoggerProvider Logs { get; private set; } = new(null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Serves the sample repository from the fake GitHub as <c>acme/shop</c> (cloned by the bot over HTTP with the token)
    /// instead of from a local path; pull requests can only be opened for a repository on GitHub.
    /// </summary>
    public bool HostedOnGitHub { get; init; }

    /// <summary>The settings the app starts with (<c>Section:Key</c>), complete once the fixture is initialized.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>Sets a setting (<c>Section:Key</c> or <c>Section__Key</c>) before the app starts.</summary>
    public AppFixture With(string key, string? value)
    {
        _settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        return this;
    }

    /// <summary>Starts the fake servers and the app, and returns once the app serves; a start that fails cleans up.</summary>
    public async Task<AppFixture> StartAsync()
    {
        try
        {
            await InitializeAsync();
            _ = Services;
            return this;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask InitializeAsync()
    {
        await Slack.StartAsync();
        await OpenAI.StartAsync();
        await GitHub.StartAsync();
        Repository = SampleShop.Create();
        _settings.TryAdd("Data:Directory", Data.Combine("data"));
        foreach (var (key, value) in TestDatabase.Settings(Data))
        {
            _settings.TryAdd(key, value);
        }

        _settings.TryAdd("Slack:BotToken", Slack.BotToken);
        _settings.TryAdd("Slack:SigningSecret", SigningSecret);
        _settings.TryAdd("Slack:ApiBaseUrl", Slack.BaseUrl.ToString());
        _settings.TryAdd("OpenAI:ApiKey", "sk-test");
        _settings.TryAdd("OpenAI:Endpoint", OpenAI.BaseUrl.ToString());
        _settings.TryAdd("GitHub:Token", GitHub.ExpectedToken);
        _settings.TryAdd("GitHub:ApiBaseUrl", GitHub.BaseUrl.ToString());
        _settings.TryAdd("Repos:0:Name", "acme/shop");
        _settings.TryAdd("Repos:0:CloneUrl", HostedOnGitHub ? GitHub.HostRepository("acme", "shop", Repository.Path) : Repository.Path);
        _settings.TryAdd("Jobs:PollSeconds", "1");
    }

    /// <summary>
    /// Seeds a support message from a customer (unless <paramref name="root"/> is null: an existing thread) and mentions
    /// the bot in its thread with <paramref name="instruction"/>, as Slack delivers it (a signed <c>app_mention</c>).
    /// </summary>
    public async Task<(string Thread, string Mention)> MentionAsync(string? root, string instruction, string? thread = null, JsonObject? attach = null)
    {
        thread ??= SlackRequests.NextTs();
        if (root is not null)
        {
            var message = Slack.AddMessage(SlackRequests.Channel, thread, root, user: "U0CUSTOMER");
            if (attach is not null)
            {
                message["files"] = new JsonArray(attach);
            }
        }

        var mention = SlackRequests.NextTs();
        Slack.AddMessage(SlackRequests.Channel, mention, $"<@{Slack.BotUserId}> {instruction}", user: SlackRequests.Engineer, threadTs: thread);
        using var client = CreateClient();
        using var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(Slack.BotUserId, mention, thread, instruction)), SigningSecret);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (thread, mention);
    }

    /// <summary>Clicks the button <paramref name="actionId"/> of a message the app posted, as <paramref name="user"/>.</summary>
    public async Task ClickAsync(SlackCall message, string actionId, string user = SlackRequests.Engineer)
    {
        ArgumentNullException.ThrowIfNull(message);
        var button = message.Buttons().First(b => (string?)b["action_id"] == actionId);
        using var client = CreateClient();
        using var click = SlackRequests.BlockAction(
            actionId, (string)button["value"]!, SigningSecret, user: user, messageTs: message.Argument("ts")!, responseUrl: Slack.NewResponseUrl());
        using var response = await client.SendAsync(click, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A new context on the app's database (the caller disposes it).</summary>
    internal TriageDbContext Db() => Services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();

    /// <summary>Waits until some triage has <paramref name="status"/> (within <see cref="TriageAnswers.Wait"/>).</summary>
    internal async Task WaitForStatusAsync(TriageStatus status)
    {
        var until = TimeProvider.System.GetUtcNow() + TriageAnswers.Wait;
        while (true)
        {
            await using (var db = Db())
            {
                if (await db.Triages.AnyAsync(t => t.Status == status, Ct))
                {
                    return;
                }
            }

            Assert.True(TimeProvider.System.GetUtcNow() < until, $"no triage reached {status}");
            await Task.Delay(50, Ct);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => Logs = TestOutputLoggerProvider.Install(logging));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Slack.DisposeAsync();
        await OpenAI.DisposeAsync();
        await GitHub.DisposeAsync();
        if (Repository is not null)
        {
            await Repository.DisposeAsync();
        }

        await Data.DisposeAsync();
    }
}
