using System.CommandLine;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Hosting;

/// <summary>
/// The verbs of the command-line contract. Standard output carries only the result (Markdown or JSON); logs and
/// errors go to standard error. Exit codes: 0 success, 1 failure, 2 bad usage. No Slack settings are needed.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    /// <summary>
    /// True when the first argument is a word (a verb, or a mistyped one that deserves the usage text) or asks for
    /// help; serving is the default otherwise (no arguments, or host options such as <c>--urls</c>).
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args is [var first, ..] && (first is "--help" or "-h" or "-?" || (!first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal)));

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = Build(output, error);
        var parsed = root.Parse(args is ["help", .. var rest] ? [.. rest, "--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync("Usage: ChatTriageBot triage --repo PATH_OR_URL [--commit SHA] [--json] \"text\"");
            await error.WriteLineAsync("       ChatTriageBot locate --repo PATH [--commit SHA] [--top K] --json \"text\"");
            await error.WriteLineAsync("       ChatTriageBot manifest (--url https://your-bot-host | --socket-mode)");
            await error.WriteLineAsync("Run with --help for details.");
            return BadUsage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var repo = new Option<string>("--repo") { Description = "A working tree, a bare repository, or a clone URL.", Required = true };
        var commit = new Option<string?>("--commit") { Description = "The commit to pin (sha or prefix); default: HEAD." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of Markdown." };
        var top = new Option<int>("--top")
        {
            Description = "How many files to rank (1 to 1000).",
            DefaultValueFactory = _ => 10,

            // Parsed here rather than checked after the parser's own conversion: a validator asking for the value of
            // a token that is not a number ("--top abc") throws instead of reporting.
            CustomParser = result =>
            {
                if (result.Tokens is [var token]
                    && int.TryParse(token.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                    && value is >= 1 and <= 1000)
                {
                    return value;
                }

                result.AddError("--top must be a whole number from 1 to 1000.");
                return 0;
            },
        };
        var text = new Argument<string>("text") { Description = "The support message (quote it)." };
        text.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError("The text to triage is empty: pass the support message as the last argument, in quotes.");
            }
        });
        var triage = new Command("triage", "Triage one message against a repository and print the report.") { repo, commit, json, top, text };
        triage.SetAction((result, ct) => RunVerbAsync(error, async services =>
        {
            var request = new TriageRequest(result.GetValue(repo)!, result.GetValue(commit), result.GetValue(text)!) { Top = result.GetValue(top) };
            var report = await services.GetRequiredService<TriagePipeline>().RunAsync(request, ct);
            await output.WriteLineAsync(result.GetValue(json)
                ? JsonSerializer.Serialize(report, TriageJsonContext.Default.TriageReport)
                : TriageMarkdown.Render(report));
        }));

        var locateJson = new Option<bool>("--json") { Description = "Print JSON (the only format)." };
        var locate = new Command("locate", "Rank a repository's files against a text.") { repo, commit, top, locateJson, text };
        locate.SetAction((result, ct) => RunVerbAsync(error, async services =>
        {
            var located = await services.GetRequiredService<CodeLocator>().LocateAsync(result.GetValue(repo)!, result.GetValue(commit), result.GetValue(text)!, result.GetValue(top), ct);
            await output.WriteLineAsync(JsonSerializer.Serialize(located, CodeContextJsonContext.Default.IReadOnlyListLocatedFile));
        }));

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

        return new RootCommand("ChatTriageBot: diagnose support requests against code. With no command, serves Slack.") { triage, locate, manifest };
    }

    private static async Task<int> RunVerbAsync(TextWriter error, Func<IServiceProvider, Task> run)
    {
        using var host = CommandLineHost.Build();
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
            await run(host.Services);
            return Success;
        }
        catch (RepositoryException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return Failure;
        }
        catch (ModelException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return Failure;
        }
    }
}
