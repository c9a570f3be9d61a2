using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Costs;
using ChatTriageBot.Digest;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Hosting;

/// <summary>
/// The verbs of the command-line contract. Standard output carries only the result (Markdown, text or JSON); logs and
/// errors go to standard error. Exit codes: 0 success, 1 failure, 2 bad usage. No Slack settings are needed, except to
/// post a digest. Arguments are taken as written: a word that begins with <c>@</c> is text, not a response file.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    private const string StandardInput = "-";

    private static readonly string[] UsageLines =
    [
        "Usage: ChatTriageBot triage --repo PATH_OR_URL [--commit SHA] [--json] \"text\" (or - to read it from standard input)",
        "       ChatTriageBot locate --repo PATH [--commit SHA] [--top K] --json \"text\" (or -)",
        "       ChatTriageBot cost [--since today|7d|30d|month | --from YYYY-MM-DD --to YYYY-MM-DD] [--by user|channel|model|repo|outcome] [--json]",
        "       ChatTriageBot digest [--dry-run] [--week YYYY-Www]",
        "       ChatTriageBot manifest (--url https://your-bot-host | --socket-mode)",
        "Run a verb with --help for details.",
    ];

    /// <summary>
    /// True when the first argument is a word (a verb, or a mistyped one that deserves the usage text) or asks for
    /// help; serving is the default otherwise (no arguments, or host options such as <c>--urls</c>).
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args is [var first, ..] && (first is "--help" or "-h" or "-?" || (!first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal)));

    /// <summary>Runs a verb; the text of <c>triage</c> and <c>locate</c> may come from standard input when it is redirected.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, Console.IsInputRedirected ? Console.In : null, output ?? Console.Out, error ?? Console.Error, cancellationToken);

    /// <summary>Runs a verb, reading a text given as <c>-</c> (or not given) from <paramref name="input"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader? input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = Build(input, output, error);
        var parsed = root.Parse(args is ["help", .. var rest] ? [.. rest, "--help"] : args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await WriteUsageAsync(error);
            return BadUsage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static RootCommand Build(TextReader? input, TextWriter output, TextWriter error) =>
        new("ChatTriageBot: diagnose support requests against code. With no command, serves Slack.")
        {
            TriageVerb(input, output, error),
            LocateVerb(input, output, error),
            CostVerb(output, error),
            DigestVerb(output, error),
            ManifestVerb(output),
        };

    private static Option<string> RepoOption() => new("--repo") { Description = "A working tree, a bare repository, or a clone URL.", Required = true };

    private static Option<string?> CommitOption() => new("--commit") { Description = "The commit to pin (sha or prefix); default: HEAD." };

    private static Option<int> TopOption() => new("--top")
    {
        Description = "How many files to rank (1 to 1000).",
        DefaultValueFactory = _ => 10,

        // Parsed here rather than checked after the parser's own conversion: a validator asking for the value of a
        // token that is not a number ("--top abc") throws instead of reporting.
        CustomParser = result =>
        {
            if (result.Tokens is [var token]
                && int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value is >= 1 and <= 1000)
            {
                return value;
            }

            result.AddError("--top must be a whole number from 1 to 1000.");
            return 0;
        },
    };

    /// <summary>The support message: any number of words (joined by spaces), or <c>-</c> or nothing to read it from standard input.</summary>
    private static Argument<string[]> TextArgument() => new("text")
    {
        Description = "The support message (quote it, or give - or nothing and pipe it to standard input).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Command TriageVerb(TextReader? input, TextWriter output, TextWriter error)
    {
        var (repo, commit, top, text) = (RepoOption(), CommitOption(), TopOption(), TextArgument());
        var json = new Option<bool>("--json") { Description = "Print JSON instead of Markdown." };
        var triage = new Command("triage", "Triage one message against a repository and print the report.") { repo, commit, json, top, text };
        triage.SetAction(async (result, ct) =>
        {
            if (await TextAsync(result.GetValue(text), input, error) is not { } message)
            {
                return BadUsage;
            }

            return await RunVerbAsync(error, CommandLineHost.Pipeline, async services =>
            {
                var request = new TriageRequest(result.GetValue(repo)!, result.GetValue(commit), message) { Top = result.GetValue(top) };
                var report = await services.GetRequiredService<TriagePipeline>().RunAsync(request, ct);
                await output.WriteLineAsync(result.GetValue(json)
                    ? JsonSerializer.Serialize(report, TriageJsonContext.Default.TriageReport)
                    : TriageMarkdown.Render(report));
                return Success;
            });
        });
        return triage;
    }

    private static Command LocateVerb(TextReader? input, TextWriter output, TextWriter error)
    {
        var (repo, commit, top, text) = (RepoOption(), CommitOption(), TopOption(), TextArgument());
        var json = new Option<bool>("--json") { Description = "Print JSON (the only format)." };
        var locate = new Command("locate", "Rank a repository's files against a text.") { repo, commit, top, json, text };
        locate.SetAction(async (result, ct) =>
        {
            if (await TextAsync(result.GetValue(text), input, error) is not { } message)
            {
                return BadUsage;
            }

            return await RunVerbAsync(error, CommandLineHost.Pipeline, async services =>
            {
                var located = await services.GetRequiredService<CodeLocator>().LocateAsync(result.GetValue(repo)!, result.GetValue(commit), message, result.GetValue(top), ct);
                await output.WriteLineAsync(JsonSerializer.Serialize(located, CodeContextJsonContext.Default.IReadOnlyListLocatedFile));
                return Success;
            });
        });
        return locate;
    }

    private static Command CostVerb(TextWriter output, TextWriter error)
    {
        var since = new Option<string?>("--since") { Description = $"A period up to now: today, Nd (7d, 30d) or month; default {CostPeriod.Default}." };
        var from = new Option<string?>("--from") { Description = "The first day, YYYY-MM-DD (with --to), in Costs__TimeZone." };
        var to = new Option<string?>("--to") { Description = "The last day, YYYY-MM-DD, included." };
        var by = new Option<string?>("--by") { Description = $"Break the total down: {CostBreakdowns.Syntax} (the ten largest and the rest)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var cost = new Command("cost", "Print the model spend report that /triage cost shows, from the bot's database.") { since, from, to, by, json };
        cost.Validators.Add(result =>
        {
            var (sinceValue, fromValue, toValue) = (result.GetValue(since), result.GetValue(from), result.GetValue(to));
            if (sinceValue is not null && (fromValue is not null || toValue is not null))
            {
                result.AddError("Give either --since or --from and --to, not both.");
            }
            else if ((fromValue is null) != (toValue is null))
            {
                result.AddError("Give --from and --to together (both days are included).");
            }
            else if (fromValue is not null && (!IsDate(fromValue) || !IsDate(toValue!)))
            {
                result.AddError("--from and --to are days written YYYY-MM-DD.");
            }
            else if (sinceValue is not null && CostPeriod.Parse(sinceValue, DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc, out var problem) is null)
            {
                result.AddError($"--since: {problem?.Replace("`", string.Empty, StringComparison.Ordinal)}");
            }

            if (result.GetValue(by) is { } word && !CostBreakdowns.TryParse(word, out _))
            {
                result.AddError($"--by must be one of {CostBreakdowns.Syntax}, not '{word}'.");
            }
        });
        cost.SetAction((result, ct) => RunVerbAsync(error, CommandLineHost.Costs, async services =>
        {
            if (await DatabaseAsync(services, error, ct) is not true)
            {
                return Failure;
            }

            var reports = services.GetRequiredService<CostReportService>();
            string? problem = null;
            var period = result.GetValue(from) is { } first
                ? CostPeriod.Between(ParseDate(first), ParseDate(result.GetValue(to)!), reports.Zone, out problem)
                : reports.Period(result.GetValue(since) ?? CostPeriod.Default, out problem);
            if (period is null)
            {
                await error.WriteLineAsync(problem);
                return BadUsage;
            }

            var breakdown = result.GetValue(by) is { } word && CostBreakdowns.TryParse(word, out var parsed) ? parsed : CostBreakdown.None;
            var report = await reports.BuildAsync(period, breakdown, null, null, ct);
            await output.WriteLineAsync(result.GetValue(json) ? JsonSerializer.Serialize(report, CostsJsonContext.Default.CostReport) : CostReportFormat.Text(report));
            return Success;
        }));
        return cost;
    }

    private static Command DigestVerb(TextWriter output, TextWriter error)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the digest and write its chart (the path is printed); post nothing." };
        var week = new Option<string?>("--week") { Description = "The ISO week, YYYY-Www (default: the last whole week in Digest__TimeZone)." };
        var digest = new Command("digest", "Compose the weekly digest from the bot's database and post it to Digest__Channel (or, with --dry-run, print it).") { dryRun, week };
        digest.Validators.Add(result =>
        {
            if (result.GetValue(week) is { } text && !DigestWeek.TryParse(text, out _))
            {
                result.AddError($"--week must be an ISO week such as 2026-W47, not '{text}'.");
            }
        });
        digest.SetAction((result, ct) => RunVerbAsync(error, CommandLineHost.Digest, async services =>
        {
            var post = !result.GetValue(dryRun);
            var slack = services.GetRequiredService<IOptions<SlackOptions>>().Value;
            var settings = services.GetRequiredService<IOptions<DigestOptions>>().Value;
            if (post && (string.IsNullOrWhiteSpace(slack.BotToken) || !settings.IsEnabled))
            {
                await error.WriteLineAsync("Posting the digest needs Slack__BotToken and Digest__Channel; use --dry-run to print it instead.");
                return Failure;
            }

            if (await DatabaseAsync(services, error, ct) is not true)
            {
                return Failure;
            }

            var chosen = result.GetValue(week) is { } text && DigestWeek.TryParse(text, out var given) ? given : services.GetRequiredService<DigestSchedule>().LastWholeWeek();
            if (post)
            {
                var publication = await services.GetRequiredService<DigestPublisher>().PublishAsync(
                    chosen, $"cli {Environment.MachineName}/{Environment.ProcessId}", evenIfSkipped: true, ct);
                await output.WriteLineAsync(publication.Outcome switch
                {
                    DigestPublicationOutcome.Posted => $"Posted the digest of {chosen} in {publication.Channel} (ts {publication.Ts}), with its chart ({publication.ChartFileId}).",
                    DigestPublicationOutcome.AlreadyPosted => $"The digest of {chosen} was posted already in {publication.Channel} (ts {publication.Ts}); it is posted once.",
                    _ => $"The digest of {chosen} is being posted by another process right now; it is posted once.",
                });
                return publication.Outcome == DigestPublicationOutcome.Busy ? Failure : Success;
            }

            var content = await services.GetRequiredService<DigestComposer>().ComposeAsync(chosen, ct);
            var folder = Path.Combine(services.GetRequiredService<IOptions<DataOptions>>().Value.FullPath, "digests");
            Directory.CreateDirectory(folder);
            var chart = Path.Combine(folder, DigestChart.FileName(chosen));
            await File.WriteAllBytesAsync(chart, DigestChart.Render(content), ct);
            await output.WriteLineAsync(DigestFormat.Text(content));
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Chart: {chart}");
            return Success;
        }));
        return digest;
    }

    private static Command ManifestVerb(TextWriter output)
    {
        var url = new Option<string?>("--url") { Description = "The bot's public https base URL (HTTP mode): Slack will call {url}/slack/events, /slack/interactions and /slack/commands." };
        var socketMode = new Option<bool>("--socket-mode") { Description = "The Socket Mode manifest (no public URL needed)." };
        var manifest = new Command("manifest", "Print the Slack app manifest to paste into \"Create an app from a manifest\".") { url, socketMode };
        manifest.Validators.Add(result =>
        {
            var given = result.GetValue(url);
            if (result.GetValue(socketMode) == (given is not null))
            {
                result.AddError("Give either --url https://your-bot-host (HTTP mode) or --socket-mode.");
            }
            else if (given is not null && SlackAppManifest.Check(given) is { } problem)
            {
                result.AddError(problem);
            }
        });
        manifest.SetAction(async (result, ct) =>
        {
            var given = result.GetValue(url);
            await output.WriteAsync(given is null ? SlackAppManifest.SocketMode() : SlackAppManifest.Http(new Uri(given)));
            return Success;
        });
        return manifest;
    }

    /// <summary>
    /// The text the words make, or standard input's when the words are <c>-</c> or none; null (with the usage on
    /// <paramref name="error"/>) when there is no text.
    /// </summary>
    private static async Task<string?> TextAsync(string[]? words, TextReader? input, TextWriter error)
    {
        var fromInput = words is null or [] or [StandardInput];
        var text = fromInput ? (input is null ? null : await input.ReadToEndAsync()) : string.Join(' ', words!);
        if (!string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        await error.WriteLineAsync(fromInput && input is null
            ? "There is no text: give the support message as the last argument (in quotes), or - and pipe it to standard input."
            : "The text is empty: give the support message as the last argument (in quotes), or pipe it to standard input.");
        await WriteUsageAsync(error);
        return null;
    }

    /// <summary>
    /// True when the bot's database is there (then brought to the current schema, as the bot does at start); otherwise
    /// says where it was looked for. A report run in the wrong folder must not read a new, empty database as "no spend".
    /// </summary>
    private static async Task<bool> DatabaseAsync(IServiceProvider services, TextWriter error, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<TriageDbContextFactory>();
        await using (var db = factory.CreateDbContext())
        {
            if (db.Database.IsSqlite() && new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource is { } file && !File.Exists(Path.GetFullPath(file)))
            {
                await error.WriteLineAsync($"There is no bot database at {Path.GetFullPath(file)}: run this in the bot's folder, or set Data__Directory (or Storage__ConnectionString) as the bot has it.");
                return false;
            }
        }

        await services.GetRequiredService<StorageMigrator>().StartAsync(cancellationToken);
        return true;
    }

    private static bool IsDate(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task WriteUsageAsync(TextWriter error)
    {
        foreach (var line in UsageLines)
        {
            await error.WriteLineAsync(line);
        }
    }

    private static async Task<int> RunVerbAsync(TextWriter error, Action<IServiceCollection> features, Func<IServiceProvider, Task<int>> run)
    {
        using var host = CommandLineHost.Build(features);
        var problems = StartupProblems.Check(host.Services);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            return Failure;
        }

        try
        {
            return await run(host.Services);
        }
        catch (Exception exception) when (exception is RepositoryException or ModelException)
        {
            await error.WriteLineAsync(exception.Message);
            return Failure;
        }
        catch (SlackApiException exception)
        {
            await error.WriteLineAsync($"Slack refused {exception.Method}: {exception.Error}.");
            return Failure;
        }
        catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"The bot's database could not be read: {exception.GetBaseException().Message}");
            return Failure;
        }
    }
}
