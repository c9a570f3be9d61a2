using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;
using static ChatTriageBot.Tests.Triage.DiagnosisInThreadTests;

namespace ChatTriageBot.Tests.Triage.Redaction;

/// <summary>
/// One value of every built-in format planted in every input the bot reads (the thread's root and a reply, an attachment
/// and a snippet, a linked issue's and pull request's bodies and comments, a file of the repository, and both models'
/// answers), the whole feature run through the real app (diagnosis, "What was sent", the customer reply, Generate fix),
/// and every way out searched for them: requests to the fake OpenAI and GitHub servers, calls to the fake Slack, the
/// SQLite file's raw bytes (its WAL too), and every log record at every level.
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

        await using var app = new AppFixture().CaptureAllLogs()
            .With("Access:GenerateFix:0", SlackRequests.Engineer)
            .With("OpenAI:ContextTokens", "60000");
        await app.InitializeAsync();

        // The repository: a settings file with values pasted into a comment, which the customer names.
        app.Repository.WriteFile(SettingsPath, $"namespace Shop.Checkout;\n\n/*\nPasted from production:\n{Plant("a repository file sent as code", 1)}\n*/\npublic static class CheckoutSettings\n{{\n    public const int Retries = 3;\n}}\n");
        app.Repository.Commit("Checkout settings");

        // GitHub: an issue and a pull request, each with its values spread over its body and comments (8,000 characters each at most are read).
        app.GitHub.AddRepository("acme", "shop");
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

        // Everything a person can make the bot do with them. Open PR, when it exists, is one more click here: the pull
        // request's title and body are requests to the fake GitHub server, which is already an exit below.
        await MentionAsync(app, null, "why does checkout fail?", thread: thread);
        var answer = await app.Slack.WaitForAnswerAsync(c => c.Shown().Contains("fix_generate", StringComparison.Ordinal));
        await WaitForStatusAsync(app, TriageStatus.Completed);
        await ClickAsync(app, answer, TriageActions.WhatWasSent);
        await app.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Shown().Contains("Sent to the model", StringComparison.Ordinal), TriageAnswers.Wait, Ct);
        await ClickAsync(app, answer, TriageActions.CustomerReply);
        await app.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Shown().Contains("Draft reply", StringComparison.Ordinal), TriageAnswers.Wait, Ct);
        await ClickAsync(app, answer, "fix_generate");
        await app.Slack.WaitForCallAsync("files.completeUploadExternal", timeout: TriageAnswers.Wait, cancellationToken: Ct);
        await WaitForFixAsync(app);

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
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Trace Microsoft.Extensions.AI", StringComparison.Ordinal));

        var exits = new (string Name, string Text)[]
        {
            ("requests to OpenAI", string.Join("\n", app.OpenAI.Requests.Select(Describe))),
            ("requests to GitHub", string.Join("\n", app.GitHub.Requests.Select(Describe))),
            ("calls to Slack (posts, updates, ephemeral messages, uploads)", string.Join("\n", app.Slack.Requests.Select(Describe))),
            ("the SQLite database file and its WAL", DatabaseBytes(app)),
            ("log records at every level", string.Join("\n", app.Logs.Lines)),
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

    /// <summary>The database's files as bytes read as UTF-8: the main file, the write-ahead log and its index.</summary>
    private static string DatabaseBytes(AppFixture app)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(app.Data.Combine("data"), "chattriagebot.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            text.Append(Encoding.UTF8.GetString(bytes.ToArray())).Append('\n');
        }

        return text.ToString();
    }

    private static async Task WaitForFixAsync(AppFixture app)
    {
        var until = DateTime.UtcNow + TriageAnswers.Wait;
        while (true)
        {
            await using var db = Db(app);
            if (await db.Fixes.AnyAsync(f => f.CompletedAt != null, Ct))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, "the fix did not finish");
            await Task.Delay(50, Ct);
        }
    }
}
