using System.Globalization;
using ChatTriageBot.Storage;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// The <c>costs</c> benchmark's generated deployment, as the bot's own entity records, so each database provider writes
/// the same rows: triages (with one support request each, their blamed files, fixes, pull-request outcomes and
/// feedback) held in memory, and the ledger's model calls made one by one as <see cref="Usage"/> is read (a million
/// records would not fit comfortably). A fixed seed makes every run, on either provider, the same deployment.
/// <see cref="Usage"/> continues the random sequence the lists used, so it is read once, after them.
/// </summary>
internal sealed record CostsDeployment(
    List<TriageRecord> Triages,
    List<SupportRequestRecord> Requests,
    List<TriageBlamedFileRecord> Blamed,
    List<FixRecord> Fixes,
    List<PullRequestOutcomeRecord> Outcomes,
    List<TriageFeedbackRecord> Feedback,
    IEnumerable<ModelUsageRecord> Usage)
{
    private static readonly string[] Models = ["gpt-4.1-mini", "gpt-4.1", "gpt-5-mini", "o4-mini"];
    private static readonly string[] Kinds = ["bug", "question", "configuration", "feature", "not_a_bug"];
    private static readonly string[] Severities = ["low", "medium", "high", "critical"];

    /// <summary>
    /// <paramref name="triages"/> triages spread evenly over the <paramref name="days"/> before <paramref name="now"/> (20
    /// channels, 50 people, 5 repositories; 90% answered, a tenth of those with a fix, half of the fixes with a pull
    /// request, 70% of those merged or closed), and <paramref name="rows"/> model calls spread over the triages (5% with
    /// no triage, every tenth a fix), each within ten minutes after its triage.
    /// </summary>
    public static CostsDeployment Generate(int rows, int triages, int days, DateTimeOffset now)
    {
        var random = new Random(20261207);
        var start = now.AddDays(-days).ToUnixTimeMilliseconds();
        var span = now.ToUnixTimeMilliseconds() - start;
        var deployment = new CostsDeployment([], [], [], [], [], [], []);
        var triageTimes = new long[triages];
        for (var i = 0; i < triages; i++)
        {
            var at = start + (long)((double)i / triages * span);
            triageTimes[i] = at;
            var id = i + 1;
            var channel = $"C{random.Next(20):D4}";
            var thread = string.Create(CultureInfo.InvariantCulture, $"{at / 1000}.{i % 1_000_000:D6}");
            deployment.Requests.Add(new SupportRequestRecord { Channel = channel, Ts = thread, UserId = "U0CUSTOMER", ReceivedAt = Time(at) });
            var completed = random.NextDouble() < 0.9;
            deployment.Triages.Add(new TriageRecord
            {
                Id = id,
                Source = "slack",
                Channel = channel,
                ThreadTs = thread,
                MentionTs = thread + "1",
                RequestedBy = $"U{random.Next(50):D4}",
                Repository = $"acme/repo{random.Next(5)}",
                Commit = "abc",
                Status = completed ? TriageStatus.Completed : TriageStatus.Failed,
                Kind = completed ? Kinds[random.Next(Kinds.Length)] : null,
                Severity = completed ? Severities[random.Next(Severities.Length)] : null,
                AnswerMs = completed ? random.Next(2_000, 120_000) : null,
                CreatedAt = Time(at),
                CompletedAt = Time(at),
            });

            // A path drawn twice for one triage is one blamed file (the table's key), as the diagnosis would cite it once.
            var paths = new HashSet<string>(StringComparer.Ordinal);
            for (var b = random.Next(1, 4); b > 0; b--)
            {
                var path = $"src/module{random.Next(200)}/file{random.Next(10)}.cs";
                if (paths.Add(path))
                {
                    deployment.Blamed.Add(new TriageBlamedFileRecord { TriageId = id, Path = path });
                }
            }

            if (completed && random.NextDouble() < 0.1)
            {
                var opened = random.NextDouble() < 0.5 ? at + 3_600_000 : (long?)null;
                var repository = opened is null ? null : "acme/repo0";
                deployment.Fixes.Add(new FixRecord
                {
                    Id = id,
                    TriageId = id,
                    RequestedBy = "U0001",
                    Status = FixStatus.Ready,
                    CreatedAt = Time(at),
                    PullRequestRepository = repository,
                    PullRequestNumber = opened is null ? null : id,
                    PullRequestOpenedAt = opened is { } o ? Time(o) : null,
                });
                if (opened is not null && random.NextDouble() < 0.7)
                {
                    var merged = random.NextDouble() < 0.7;
                    deployment.Outcomes.Add(new PullRequestOutcomeRecord
                    {
                        Id = deployment.Outcomes.Count + 1,
                        FixId = id,
                        Repository = repository!,
                        Number = id,
                        Outcome = merged ? PullRequestOutcome.Merged : PullRequestOutcome.Closed,
                        By = "octocat",
                        At = Time(opened.Value + 86_400_000),
                        Source = "poll",
                        TouchedBlamedFiles = merged ? random.NextDouble() < 0.8 : null,
                        RecordedAt = Time(opened.Value + 86_400_000),
                    });
                }
            }

            if (completed && random.NextDouble() < 0.3)
            {
                deployment.Feedback.Add(new TriageFeedbackRecord { TriageId = id, UserId = $"U{random.Next(50):D4}", Helpful = random.NextDouble() < 0.8, At = Time(at + 60_000) });
            }
        }

        return deployment with { Usage = Calls(random, rows, triageTimes) };
    }

    private static IEnumerable<ModelUsageRecord> Calls(Random random, int rows, long[] triageTimes)
    {
        for (var i = 0; i < rows; i++)
        {
            var triageIndex = (int)((long)i * triageTimes.Length / rows);
            var input = random.Next(1_000, 20_000);
            var output = random.Next(100, 2_000);
            yield return new ModelUsageRecord
            {
                Id = i + 1,
                ResponseId = $"chatcmpl-bench{i}",
                TriageId = random.NextDouble() < 0.95 ? triageIndex + 1 : null,
                Operation = i % 10 == 0 ? "fix" : "diagnosis",
                Model = Models[random.Next(Models.Length)],
                InputTokens = input,
                CachedInputTokens = input / 4,
                OutputTokens = output,
                ReasoningTokens = output / 10,
                CostMicros = (long)((input * 0.4) + (output * 1.6)),
                Priced = true,
                DurationMs = random.Next(1_000, 30_000),
                UserId = $"U{random.Next(50):D4}",
                Channel = $"C{random.Next(20):D4}",
                Repository = $"acme/repo{random.Next(5)}",
                CreatedAt = Time(triageTimes[triageIndex] + random.Next(0, 600_000)),
            };
        }
    }

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
