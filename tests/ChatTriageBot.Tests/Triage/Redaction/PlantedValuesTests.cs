using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Fixes;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Triage;
using Npgsql;

namespace ChatTriageBot.Tests.Triage.Redaction;

/// <summary>
/// One value of every built-in format planted in every input the bot reads (the thread's root and a reply, an attachment
/// and a snippet, a linked issue's and pull request's bodies and comments, a file of the repository, and both models'
/// answers), the whole feature run through the real app (diagnosis, "What was sent", the customer reply, Generate fix,
/// Open PR), and every way out searched for them: requests to the fake OpenAI and GitHub servers (the draft pull
/// request's title, body, branch and commit among them), calls to the fake Slack, the database (the SQLite file's raw
/// bytes and its WAL, or every row of every table on PostgreSQL), and every log record at every level.
/// </summary>
public sealed class PlantedValuesTests
{
    private const string SettingsPath = "src/Shop/Checkout/CheckoutSettings.cs";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlantedValuesOfEveryFormat_InEveryInput_LeaveByNoExit()
    {
        var planted = new Dictionary<string, IReadOnlyList<RedactionSample>>(StringComparer.Ordinal);
        string Plant(string input, int seed)
        {
            var samples = RedactionFormats.All.Select((f, i) => RedactionSamples.Make(f.Id, new Random((seed * 1000) + i))).ToList();
            planted[input] = samples;
            return string.Join("\n\n", samples.Select(s => s.Text));
        }

        await using var app = new AppFixture { HostedOnGitHub = true }.CaptureAllLogs()
            .With("Access:GenerateFix:0", SlackRequests.Engineer)
            .With("Access:OpenPullRequest:0", SlackRequests.Engineer)
            .With("OpenAI:ContextTokens", "60000");
        await app.InitializeAsync();

        // The repository (hosted on the fake GitHub, where the pull request goes): a settings file with values pasted
        // into a comment, which the customer names.
        app.GitHub.CommitFile(FixFlow.Owner, FixFlow.Repo, "main", SettingsPath, $"namespace Shop.Checkout;\n\n/*\nPasted from production:\n{Plant("a repository file sent as code", 1)}\n*/\npublic static class CheckoutSettings\n{{\n    public const int Retries = 3;\n}}\n", "Checkout settings");

        // GitHub: an issue and a pull request, each with its values spread over its body and comments (8,000 characters each at most are read).
        var issue = Chunks(Plant("a linked issue's body and comments", 2));
        app.GitHub.AddIssue("acme", "shop", 7, "Checkout fails for some carts", issue[0]);
        foreach (var comment in issue.Skip(1))
        {
            app.GitHub.AddIssueComment("acme", "shop", 7, comment);
        }

        var pull = Chunks(Plant("a linked pull request's body and comments", 3));
        app.GitHub.AddPullRequest("acme", "shop", 8, "Guard the discount", pull[0]);
        app.GitHub.AddPullRequestFile("acme", "shop", 8, SampleShop.CartServicePath);
        foreach (var comment in pull.Skip(1))
        {
            app.GitHub.AddIssueComment("acme", "shop", 8, comment);
        }

        // The models' answers carry values too: a model repeats what it reads and writes values of its own.
        app.OpenAI.EnqueueCompletion(DiagnosisAnswer(Plant("the diagnosis model's answer", 4)));
        app.OpenAI.EnqueueCompletion(FixAnswer(Plant("the fix model's answer", 5)));

        // The thread: the root message, a reply, an attachment and a snippet.
        var thread = SlackRequests.NextTs();
        var root = app.Slack.AddMessage(SlackRequests.Channel, thread,
            $"CartService.Total throws for carts without a discount; see https://github.com/acme/shop/issues/7, https://github.com/acme/shop/pull/8 and {SettingsPath}.\n\n{Plant("the thread's root message", 6)}",
            user: "U0CUSTOMER");
        root["files"] = new JsonArray(
            app.Slack.AddFile("planted.log", "text/plain", "text", Encoding.UTF8.GetBytes(Plant("an attachment", 7))),
            app.Slack.AddFile("snippet.js", "application/javascript", "javascript", Encoding.UTF8.GetBytes(Plant("a snippet", 8))));
        app.Slack.AddMessage(SlackRequests.Channel, SlackRequests.NextTs(), Plant("a reply in the thread", 9), user: "U0CUSTOMER", threadTs: thread);

        // Everything a person can make the bot do with them, up to the draft pull request.
        await app.MentionAsync(null, "why does checkout fail?", thread: thread);
        var answer = await app.Slack.WaitForAnswerAsync(c => c.Shown().Contains(FixActions.GenerateFix, StringComparison.Ordinal));
        await app.WaitForStatusAsync(TriageStatus.Completed);
        await app.ClickAsync(answer, TriageActions.WhatWasSent);
        await app.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Shown().Contains("Sent to the model", StringComparison.Ordinal), TriageAnswers.Wait, Ct);
        await app.ClickAsync(answer, TriageActions.CustomerReply);
        await app.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Shown().Contains("Draft reply", StringComparison.Ordinal), TriageAnswers.Wait, Ct);
        await app.ClickAsync(answer, FixActions.GenerateFix);
        var fix = await app.Slack.WaitForAnswerAsync(c => c.Shown().Contains(FixActions.OpenPullRequest, StringComparison.Ordinal));
        await app.Slack.WaitForCallAsync("files.completeUploadExternal", timeout: TriageAnswers.Wait, cancellationToken: Ct);
        await app.ClickAsync(fix, FixActions.OpenPullRequest);
        await FixFlow.WaitForFixMessageAsync(app, ":rocket:", fix);

        // Every input reached the app and every exit was used: the test would prove nothing otherwise.
        var requests = app.OpenAI.CompletionRequests;
        Assert.Equal(2, requests.Count);
        var diagnosisRequest = requests[0].Request.BodyText;
        foreach (var reached in new[] { "[Attachment planted.log]", "[Attachment snippet.js]", "Linked issue acme/shop#7", "Linked pull request acme/shop#8", "Comment: ", SettingsPath })
        {
            Assert.Contains(reached, diagnosisRequest, StringComparison.Ordinal);
        }

        Assert.Contains(SettingsPath, requests[1].Request.BodyText, StringComparison.Ordinal);
        Assert.Contains(app.GitHub.Requests, r => r.Path.EndsWith("/issues/8/comments", StringComparison.Ordinal));
        var draft = Assert.Single(app.GitHub.PullRequests(FixFlow.Owner, FixFlow.Repo), p => p["draft"]?.GetValue<bool>() == true);
        Assert.False(string.IsNullOrWhiteSpace(draft["title"]!.GetValue<string>()));
        Assert.Contains("## Root cause", draft["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(app.GitHub.Requests, r => r.Method == "POST" && r.Path.EndsWith("/git/commits", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Trace && e.Category.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal));

        var exits = new (string Name, string Text)[]
        {
            ("requests to OpenAI", string.Join("\n", app.OpenAI.Requests.Select(Describe))),
            ("requests to GitHub (reads, the pull request's title and body, its branch, commit and tree)", string.Join("\n", app.GitHub.Requests.Select(Describe))),
            ("calls to Slack (posts, updates, ephemeral messages, uploads)", string.Join("\n", app.Slack.Requests.Select(Describe))),
            ("the database", DatabaseText(app)),
            ("log records at every level, with their values", string.Join("\n", app.Logs.Entries.Select(Describe))),
        };
        Assert.All(exits, e => Assert.False(string.IsNullOrEmpty(e.Text), $"{e.Name}: nothing was recorded"));

        var labelled = planted.SelectMany(p => p.Value.Select(s => ($"{s.FormatId} planted in {p.Key}", s.Secrets))).ToList();
        var leaks = exits.SelectMany(e => Leaks.FindAll(e.Text, labelled).Select(l => $"{l.Label} left through {e.Name}: {l.Secret}")).Order(StringComparer.Ordinal).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} planted value(s) left the process:\n{string.Join('\n', leaks)}");
    }

    /// <summary>The text split into pieces of at most 7,500 characters, at sample boundaries.</summary>
    private static List<string> Chunks(string text)
    {
        var chunks = new List<string> { string.Empty };
        foreach (var part in text.Split("\n\n"))
        {
            if (chunks[^1].Length + part.Length > 7500)
            {
                chunks.Add(string.Empty);
            }

            chunks[^1] += part + "\n\n";
        }

        return chunks;
    }

    private static string DiagnosisAnswer(string values)
    {
        var text = JsonSerializer.Serialize(values);
        return $$"""
            {
              "summary": {{JsonSerializer.Serialize("CartService.Total dereferences Cart.Discount. " + values)}},
              "kind": "bug",
              "severity": "high",
              "component": {{text}},
              "root_cause": {{text}},
              "evidence": [
                { "path": "{{SampleShop.CartServicePath}}", "start_line": 14, "end_line": 15, "why": {{text}} },
                { "path": "{{SettingsPath}}", "start_line": 1, "end_line": 3, "why": "the settings the customer names" }
              ],
              "confidence": 0.86,
              "fixability": 0.9,
              "next_steps": [{{text}}],
              "questions_for_reporter": [{{text}}],
              "customer_reply": {{text}}
            }
            """;
    }

    private static string FixAnswer(string values)
    {
        var text = JsonSerializer.Serialize(values);
        return $$"""
            {
              "summary": {{text}},
              "edits": [
                { "path": "{{SampleShop.CartServicePath}}", "find": "        var percent = cart.Discount!.Percent;", "replace": "        var percent = cart.Discount?.Percent ?? 0m;", "why": {{text}} }
              ],
              "test_plan": {{text}},
              "risk": "low"
            }
            """;
    }

    private static string Describe(RecordedRequest request) => $"{request.Method} {request.Path}{request.QueryString}\n{request.BodyText}";

    private static string Describe(LogEntry entry) =>
        $"{entry} [{string.Join(' ', (entry.Values ?? []).Select(v => $"{v.Key}={v.Value}"))}]";

    /// <summary>
    /// What the database holds, as a person with the file or a dump would read it: on SQLite the files' raw bytes read as
    /// UTF-8 (the main file, the write-ahead log and its index); on PostgreSQL every row of every table as text.
    /// </summary>
    private static string DatabaseText(AppFixture app)
    {
        var text = new StringBuilder();
        if (TestDatabase.IsPostgres)
        {
            using var connection = new NpgsqlConnection(TestDatabase.ConnectionString(app.Data));
            connection.Open();
            var tables = new List<string>();
            using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'", connection))
            using (var reader = list.ExecuteReader())
            {
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                using var rows = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
                using var reader = rows.ExecuteReader();
                while (reader.Read())
                {
                    text.Append(reader.GetString(0)).Append('\n');
                }
            }

            return text.ToString();
        }

        foreach (var file in Directory.EnumerateFiles(app.Data.Combine("data"), "chattriagebot.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            text.Append(Encoding.UTF8.GetString(bytes.ToArray())).Append('\n');
        }

        return text.ToString();
    }
}
