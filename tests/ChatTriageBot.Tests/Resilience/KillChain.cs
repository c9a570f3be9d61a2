using System.Text.Json.Nodes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Resilience;

/// <summary>
/// Kills a real bot process (SIGKILL) at each of a list of points of one piece of work, restarting it on the same data
/// after each, and checks that the restarted process takes the job back at once. A point is written compactly:
/// <c>ack</c> (right after Slack's request was acknowledged), <c>slack:METHOD[~TEXT]</c>, <c>model</c> or
/// <c>github:VERB PATH-SUFFIX</c>, followed by <c>&lt;</c> (the fake holds the call before acting on it) or <c>&gt;</c>
/// (after acting on it, before answering: it happened and the bot never heard). The fakes stay up across the kills.
/// </summary>
internal static class KillChain
{
    /// <summary>A restarted process must have taken its work back within this long of being started.</summary>
    public static readonly TimeSpan ResumeWithin = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ArriveWithin = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Holds every point, lets <paramref name="act"/> start the work, and kills the bot at each point in turn (restarting
    /// it each time); returns how many model answers the bot never received (killed while the model's answer was held).
    /// </summary>
    public static async Task<int> RunAsync(BotProcess bot, string points, Func<Task> act, Func<Task>? modelAnswerLost = null)
    {
        var lostAnswers = 0;
        var chain = points.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Each point's hold is set before the process that will reach it starts (or before the work starts), since a
        // restarted process carries on with the job at once. A kill at "ack" comes right after the acknowledgement, but the
        // job may already run: the next point is guarded (held before its effect) so that the first process cannot get
        // past it before it dies.
        var held = Hold(bot, chain[0]);
        var guard = chain is ["ack", var next, ..] ? Hold(bot, next[..^1] + "<") : null;
        await act();
        for (var i = 0; i < chain.Length; i++)
        {
            var point = chain[i];
            if (held is not null)
            {
                await held.Arrived.WaitAsync(ArriveWithin, Ct);
            }

            var running = await UnfinishedJobsAsync(bot);
            bot.Kill();
            guard?.Withdraw();
            guard = null;
            if (point.StartsWith("model", StringComparison.Ordinal))
            {
                // The answer, if the model made one, never reached the bot: it is asked again.
                lostAnswers++;
                if (modelAnswerLost is not null)
                {
                    await modelAnswerLost();
                }
            }

            held = i + 1 < chain.Length ? Hold(bot, chain[i + 1]) : null;
            await bot.StartAsync();
            await WaitForResumedAsync(bot, running, point);
        }

        return lostAnswers;
    }

    /// <summary>Every job finished and succeeded (the work and whatever it queued).</summary>
    public static async Task AssertJobsSucceededAsync(BotProcess bot)
    {
        await bot.WaitForAsync(async db =>
        {
            var jobs = await db.Jobs.AsNoTracking().Select(j => new { j.Id, j.Kind, j.Status, j.LastError }).ToListAsync(Ct);
            return jobs.All(j => j.Status is JobStatus.Succeeded or JobStatus.Failed) ? jobs : null;
        }, "every job to finish");
        await using var db = bot.Db();
        var failed = await db.Jobs.AsNoTracking().Where(j => j.Status != JobStatus.Succeeded).Select(j => $"{j.Id} {j.Kind} {j.Status}: {j.LastError}").ToListAsync(Ct);
        Assert.Empty(failed);
    }

    /// <summary>The bot's messages in a thread, as Slack keeps them (file shares not counted).</summary>
    public static IReadOnlyList<JsonObject> BotMessages(BotProcess bot, string thread) =>
        [.. bot.Slack.Messages(SlackRequests.Channel).Where(m => (string?)m["bot_id"] == bot.Slack.BotId && (string?)m["thread_ts"] == thread && m["files"] is null)];

    /// <summary>The names of the files shared in a thread.</summary>
    public static IReadOnlyList<string> SharedFiles(BotProcess bot, string thread) =>
        [.. bot.Slack.Messages(SlackRequests.Channel).Where(m => (string?)m["thread_ts"] == thread && m["files"] is JsonArray)
            .SelectMany(m => m["files"]!.AsArray()).Select(f => (string?)f!["name"] ?? string.Empty)];

    private static HeldRequest? Hold(BotProcess bot, string point)
    {
        if (point == "ack")
        {
            return null;
        }

        var where = point[^1] switch
        {
            '<' => HoldPoint.BeforeEffect,
            '>' => HoldPoint.AfterEffect,
            _ => throw new ArgumentException($"kill point '{point}' must end with < or >"),
        };
        var spec = point[..^1];
        if (spec == "model")
        {
            return bot.OpenAI.Hold(r => r.Path == FakeOpenAIServer.CompletionsPath, where);
        }

        if (spec.StartsWith("slack:", StringComparison.Ordinal))
        {
            var (method, text) = spec[6..].Split('~') is [var m, var t] ? (m, t) : (spec[6..], null);
            return bot.Slack.Hold(r => r.Path == FakeSlackServer.ApiPath + method && (text is null || SlackCall.From(r).Shown().Contains(text, StringComparison.Ordinal)), where);
        }

        if (spec.StartsWith("github:", StringComparison.Ordinal) && spec[7..].Split(' ') is [var verb, var suffix])
        {
            return bot.GitHub.Hold(r => r.Method == verb && r.Path.StartsWith(FakeGitHubServer.ApiPath, StringComparison.Ordinal) && r.Path.EndsWith(suffix, StringComparison.Ordinal), where);
        }

        throw new ArgumentException($"unknown kill point '{point}'");
    }

    private static async Task<List<(long Id, string? Owner)>> UnfinishedJobsAsync(BotProcess bot)
    {
        await using var db = bot.Db();
        return [.. (await db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Running).Select(j => new { j.Id, j.LeaseOwner }).ToListAsync(Ct))
            .Select(j => (j.Id, j.LeaseOwner))];
    }

    /// <summary>
    /// Each job the dead process had (or had not yet taken) is leased by the new one, or finished, soon after it was up
    /// (measured from its "Application started": the runtime's start-up on a loaded machine is not the bot's delay).
    /// </summary>
    private static async Task WaitForResumedAsync(BotProcess bot, List<(long Id, string? Owner)> jobs, string point)
    {
        var ids = jobs.Select(j => j.Id).ToList();
        var owners = jobs.ToDictionary(j => j.Id, j => j.Owner);
        await bot.WaitForAsync(async db =>
        {
            var now = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).Select(j => new { j.Id, j.Status, j.LeaseOwner }).ToListAsync(Ct);
            return now.All(j => j.Status is JobStatus.Succeeded or JobStatus.Failed || (j.LeaseOwner is not null && j.LeaseOwner != owners[j.Id])) ? now : null;
        }, $"the jobs killed at {point} to be taken back", ResumeWithin + TimeSpan.FromSeconds(45));
        var took = TimeProvider.System.GetUtcNow() - bot.ReadyAt;
        Assert.True(took <= ResumeWithin, $"after the kill at {point}, the restarted bot took {took.TotalSeconds:0.0} s after it was up to take its jobs back");
    }
}
