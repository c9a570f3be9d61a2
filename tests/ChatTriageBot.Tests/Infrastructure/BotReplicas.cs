using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// Several real bot processes (<see cref="AppProcess"/>) on one database, as replicas behind a load balancer: the
/// fake Slack, OpenAI and GitHub servers and the settings of an <see cref="AppFixture"/> (whose in-process app is never
/// started), each replica with a data folder of its own (its mirrors and indexes, as a pod's volume) and the shared
/// database: a PostgreSQL database when the suite runs on one (<see cref="TestDatabase"/>), else one SQLite file.
/// </summary>
public sealed partial class BotReplicas : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<Replica> _replicas = [];
    private readonly TriageDbContextFactory _databases;

    private BotReplicas(AppFixture app)
    {
        App = app;
        _databases = new TriageDbContextFactory(Options.Create(Storage), Options.Create(new DataOptions { Directory = app.Data.Combine("test") }));
    }

    /// <summary>The fake servers and the settings every replica starts with.</summary>
    public AppFixture App { get; }

    private StorageOptions Storage => TestDatabase.IsPostgres
        ? new StorageOptions { Provider = StorageProviders.Postgres, ConnectionString = TestDatabase.ConnectionString(App.Data) }
        : new StorageOptions { Provider = StorageProviders.Sqlite, ConnectionString = $"Data Source={App.Data.Combine("shared", "chattriagebot.db")};Default Timeout=30" };

    /// <summary>Starts the fake servers; <paramref name="app"/> may carry settings for every replica.</summary>
    public static async Task<BotReplicas> CreateAsync(AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.InitializeAsync();
        return new BotReplicas(app);
    }

    /// <summary>Starts a replica named <paramref name="name"/> with <paramref name="settings"/> (<c>Section__Key</c>) on top of the common ones; returns once it serves.</summary>
    public async Task<Replica> StartAsync(string name, params (string Key, string Value)[] settings)
    {
        var environment = App.Settings
            .Where(s => s.Value is not null && !s.Key.StartsWith("Storage:", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!, StringComparer.Ordinal);
        environment["Data__Directory"] = App.Data.Combine(name);
        environment["Storage__Provider"] = Storage.Provider;
        environment["Storage__ConnectionString"] = Storage.ConnectionString!;
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        Directory.CreateDirectory(App.Data.Combine(name));
        var process = AppProcess.Start(App.Data.Path, environment);
        var replica = new Replica(name, process);
        _replicas.Add(replica);
        await process.WaitForOutputAsync("Application started", StartTimeout);
        replica.Listen(new Uri(Listening().Match(process.StandardOutput).Groups["url"].Value));
        return replica;
    }

    /// <summary>A context on the replicas' shared database (the caller disposes it).</summary>
    internal TriageDbContext Db() => _databases.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await App.DisposeAsync();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    /// <summary>One bot process and an HTTP client to it.</summary>
    public sealed class Replica(string name, AppProcess process) : IAsyncDisposable
    {
        private HttpClient? _client;

        public string Name => name;

        public AppProcess Process => process;

        /// <summary>Posts a signed Slack event envelope to the replica's <c>/slack/events</c>, as Slack (through the load balancer) would.</summary>
        public async Task<HttpStatusCode> DeliverAsync(JsonObject envelope) => await SendAsync(SlackRequests.Event(envelope, AppFixture.SigningSecret));

        /// <summary>Sends a request built by <see cref="SlackRequests"/> (a relative path) to the replica.</summary>
        public async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
        {
            ArgumentNullException.ThrowIfNull(request);
            using (request)
            {
                using var response = await _client!.SendAsync(request, TestContext.Current.CancellationToken);
                return response.StatusCode;
            }
        }

        /// <summary>SIGKILL: the replica dies without releasing anything.</summary>
        public void Kill() => process.Kill();

        public async ValueTask DisposeAsync()
        {
            _client?.Dispose();
            await process.DisposeAsync();
        }

        internal void Listen(Uri url) => _client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }
}
