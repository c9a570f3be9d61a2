using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// The real app (<see cref="WebApplicationFactory{TEntryPoint}"/> on Kestrel, 127.0.0.1, a random port), wired to fake Slack, OpenAI and GitHub
/// servers on 127.0.0.1, a real SQLite file in a temp folder and a real git repository. Settings are the same keys an
/// operator sets; a test can add or override them before the first request.
/// </summary>
public sealed class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    public FakeSlackServer Slack { get; } = new();

    public FakeOpenAIServer OpenAI { get; } = new();

    public FakeGitHubServer GitHub { get; } = new();

    public TempDirectory Data { get; } = new("ctb-app");

    public TestRepository Repository { get; private set; } = null!;

    /// <summary>Every log record at every level, when <see cref="CaptureAllLogs"/> was called before the app started.</summary>
    public CapturedLogs Logs { get; } = new();

    private bool _captureAllLogs;

    /// <summary>Logs every record down to Trace into <see cref="Logs"/> (and nowhere else) instead of Warning and above.</summary>
    public AppFixture CaptureAllLogs()
    {
        _captureAllLogs = true;
        return this;
    }

    /// <summary>Sets a setting (<c>Section:Key</c> or <c>Section__Key</c>) before the app starts.</summary>
    public AppFixture With(string key, string? value)
    {
        _settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        return this;
    }

    public AppFixture()
    {
        // Real sockets on loopback, not the in-memory test server: Slack's requests arrive over real HTTP.
        UseKestrel(0);
    }

    public async ValueTask InitializeAsync()
    {
        await Slack.StartAsync();
        await OpenAI.StartAsync();
        await GitHub.StartAsync();
        Repository = Builders.SampleShop.Create();
        _settings.TryAdd("Data:Directory", Data.Combine("data"));
        _settings.TryAdd("Slack:BotToken", Slack.BotToken);
        _settings.TryAdd("Slack:SigningSecret", SigningSecret);
        _settings.TryAdd("Slack:ApiBaseUrl", Slack.BaseUrl.ToString());
        _settings.TryAdd("OpenAI:ApiKey", "sk-test");
        _settings.TryAdd("OpenAI:Endpoint", OpenAI.BaseUrl.ToString());
        _settings.TryAdd("GitHub:Token", GitHub.ExpectedToken);
        _settings.TryAdd("GitHub:ApiBaseUrl", GitHub.BaseUrl.ToString());
        _settings.TryAdd("Repos:0:Name", "acme/shop");
        _settings.TryAdd("Repos:0:CloneUrl", Repository.Path);
        _settings.TryAdd("Jobs:PollSeconds", "1");
    }

    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(_captureAllLogs ? LogLevel.Trace : LogLevel.Warning);
            if (_captureAllLogs)
            {
                logging.ClearProviders().AddProvider(Logs);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Slack.DisposeAsync();
        await OpenAI.DisposeAsync();
        await GitHub.DisposeAsync();
        await Repository.DisposeAsync();
        await Data.DisposeAsync();
    }
}
