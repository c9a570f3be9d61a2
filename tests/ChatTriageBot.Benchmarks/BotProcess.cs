using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LibGit2Sharp;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// The real bot executable (the build copies it next to the benchmarks) as a child process on a loopback port, wired to
/// the stand-in Slack and model, a one-file git repository and a SQLite data directory or a PostgreSQL database. Several
/// of them can share one database, as replicas do. Its memory is read from <c>/proc</c>.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The source file the stand-in repository holds, and the diagnosis the stand-in model gives about it.</summary>
    public const string DiagnosisSummary = "CartService.Total dereferences Cart.Discount, which is null for carts without a discount code.";

    public const string Diagnosis = $$"""
        {"summary":"{{DiagnosisSummary}}","kind":"bug","severity":"high","component":"checkout",
         "root_cause":"Total reads cart.Discount!.Percent without checking for null.",
         "evidence":[{"path":"src/CartService.cs","start_line":1,"end_line":1,"why":"null-forgiving dereference of Discount"}],
         "confidence":0.86,"fixability":0.9,"next_steps":["Treat a missing discount as 0 percent."],
         "questions_for_reporter":[],"customer_reply":"Thanks, we found the cause."}
        """;

    /// <summary>A git repository with one source file, in <paramref name="folder"/>.</summary>
    public static string CreateRepository(string folder)
    {
        Repository.Init(folder);
        using var repo = new Repository(folder);
        Directory.CreateDirectory(Path.Combine(folder, "src"));
        File.WriteAllText(Path.Combine(folder, "src", "CartService.cs"), "public sealed class CartService { public decimal Total(Cart cart) => cart.Discount!.Percent; }\n");
        Commands.Stage(repo, "*");
        var author = new Signature("bench", "bench@example.invalid", DateTimeOffset.FromUnixTimeSeconds(1700000000));
        repo.Commit("bench", author, author);
        return folder;
    }

    /// <summary>
    /// Starts the bot as instance <paramref name="instance"/> and waits until <c>/readyz</c> answers 200. The database is
    /// <paramref name="postgres"/> when given, else the SQLite file in <paramref name="data"/>; <paramref name="extra"/>
    /// settings go on top.
    /// </summary>
    public static async Task<BotProcess> StartAsync(
        string instance, string data, string repository, Uri slack, Uri model, string? postgres, IReadOnlyDictionary<string, string> extra, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatTriageBot.dll"));
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["Slack__BotToken"] = "xoxb-bench",
            ["Slack__SigningSecret"] = SignedMention.Secret,
            ["Slack__ApiBaseUrl"] = new Uri(slack, "api/").ToString(),
            ["OpenAI__ApiKey"] = "sk-bench",
            ["OpenAI__Endpoint"] = new Uri(model, "v1").ToString(),
            ["Repos__0__Name"] = "bench/shop",
            ["Repos__0__CloneUrl"] = repository,
            ["Data__Directory"] = data,
            ["Jobs__InstanceId"] = instance,
            ["CodeContext__FetchIntervalMinutes"] = "0",
            ["Fixes__PullRequestPollMinutes"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Storage__Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Storage__ConnectionString"] = postgres,
        };
        foreach (var (key, value) in settings.Concat(extra.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value))))
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("the bot did not start");
        // Its log (warnings and errors only) goes to the benchmark's standard error, apart from the figures.
        DataReceivedEventHandler forward = (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine($"[{instance}] {line}");
            }
        };
        process.OutputDataReceived += forward;
        process.ErrorDataReceived += forward;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, address);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (!await bot.IsReadyAsync(client, cancellationToken))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                await bot.DisposeAsync();
                throw new InvalidOperationException($"bot {instance} did not become ready within 120 s");
            }

            await Task.Delay(200, cancellationToken);
        }

        return bot;
    }

    /// <summary>Whether <c>/healthz</c> and <c>/readyz</c> both answer 200.</summary>
    public async Task<bool> IsReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            using var healthy = await client.GetAsync(new Uri(Address, "healthz"), cancellationToken);
            using var ready = await client.GetAsync(new Uri(Address, "readyz"), cancellationToken);
            return healthy.StatusCode == HttpStatusCode.OK && ready.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The process's resident memory (VmRSS) in MB, from <c>/proc</c>; NaN once it has exited.</summary>
    public double ResidentMb()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
