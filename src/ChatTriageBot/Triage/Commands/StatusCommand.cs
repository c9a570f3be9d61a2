using System.Globalization;
using System.Text;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Costs;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

/// <summary>
/// <c>/triage status</c>: each repository's commit and how old its mirror is, the last fetch error, whether the model
/// answered last time, the job queue, and how the bot is connected to Slack. Everything comes from what is already
/// recorded (the disk, the database, this process's last model call): nothing is called inside Slack's request.
/// </summary>
internal sealed class StatusCommand(
    RepositoryRegistry registry,
    IOptions<DataOptions> data,
    ChatClients models,
    ModelHealth health,
    UsageLedger ledger,
    IDbContextFactory<TriageDbContext> databases,
    IOptions<SlackOptions> slack,
    SocketModeListener socketMode,
    SlackIdentityProvider identity,
    TimeProvider timeProvider) : ISlackSubcommand
{
    public const string Word = "status";

    public string Command => SlashCommands.Triage;

    public string Name => Word;

    public IReadOnlyList<SlackSubcommandUsage> Usage { get; } =
    [
        new(Word, "each repository's mirror commit and age and last fetch error, whether the model answers, the job queue, and the Slack connection.", Word),
    ];

    public async Task<SlackCommandReply> HandleAsync(SlashCommand command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count > 0)
        {
            return new SlackCommandReply(SlackCommandHelp.UsageOf(this));
        }

        var now = timeProvider.GetUtcNow();
        var text = new StringBuilder("*Repositories*\n");
        foreach (var repository in registry.All)
        {
            text.Append("• ").Append(Repository(repository, now)).Append('\n');
        }

        text.Append("*Model* ").Append(await ModelAsync(now, cancellationToken)).Append('\n');
        text.Append("*Jobs* ").Append(await JobsAsync(now, cancellationToken)).Append('\n');
        text.Append("*Slack* ").Append(Slack());
        var message = new SlackMessageBuilder("status").AddLongText(text.ToString()).WithFallbackText("ChatTriageBot status").Build();
        return new SlackCommandReply(message.FallbackText) { Blocks = message.Blocks };
    }

    private string Repository(RepositoryOptions repository, DateTimeOffset now)
    {
        var name = $"`{Mrkdwn.Escape(repository.Name ?? "?")}`";
        if (repository.CloneUrl is not { Length: > 0 } source)
        {
            return $"{name}: no clone URL";
        }

        var status = RepositorySnapshot.Status(source, data.Value.FullPath);
        var commit = status.Commit is { } sha ? $"`{sha[..Math.Min(10, sha.Length)]}`" : "no commit yet";
        var where = status.IsMirror
            ? $"mirror at {commit}{(status.FetchedAt is { } at ? $", fetched {Ago(now - at)}" : string.Empty)}"
            : $"local repository at {commit}";
        return status.Problem is { } problem ? $"{name}: {where}; :warning: {Mrkdwn.Escape(problem)}" : $"{name}: {where}";
    }

    private async Task<string> ModelAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!models.IsConfigured)
        {
            return "not configured (OpenAI__ApiKey is not set): triages are retrieval reports without a diagnosis.";
        }

        var model = $"`{Mrkdwn.Escape(models.Options.Model)}`";
        if (health.Last is { } last)
        {
            return last.Error is { } error
                ? $"{model}: :warning: the last call failed {Ago(now - last.At)}: {Mrkdwn.Escape(error)}"
                : $"{model}: reachable, the last call answered {Ago(now - last.At)}";
        }

        return await ledger.LastCallAsync(cancellationToken) is { } recorded
            ? $"{model}: no call since this process started; the last recorded call answered {Ago(now - recorded.At)}"
            : $"{model}: no call made yet";
    }

    private async Task<string> JobsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dayAgo = now.AddDays(-1);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var queued = await db.Jobs.AsNoTracking().CountAsync(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Running, cancellationToken);
        var failed = await db.Jobs.AsNoTracking().CountAsync(j => j.Status == JobStatus.Failed && j.CompletedAt >= dayAgo, cancellationToken);
        var oldest = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Pending && j.RunAfter <= now)
            .OrderBy(j => j.RunAfter)
            .Select(j => (DateTimeOffset?)j.RunAfter)
            .FirstOrDefaultAsync(cancellationToken);
        var waiting = oldest is { } since ? $" (the oldest due {Ago(now - since)})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{queued} queued or running{waiting}, {failed} failed in the last 24 hours");
    }

    private string Slack()
    {
        var known = identity.Current is null ? "; :warning: Slack has not confirmed the bot token yet (auth.test)" : string.Empty;
        if (!slack.Value.IsSocketMode)
        {
            return $"HTTP mode (Slack calls /slack/events, /slack/interactions and /slack/commands){known}";
        }

        return socketMode.State switch
        {
            SocketModeState.Connected => $"Socket Mode, connected{known}",
            SocketModeState.Connecting => $"Socket Mode, connecting{known}",
            SocketModeState.Disabled => $"Socket Mode, :warning: disabled in the app's settings (link_disabled){known}",
            SocketModeState.Failing => $"Socket Mode, :warning: failing to connect{known}",
            _ => $"Socket Mode{known}",
        };
    }

    private static string Ago(TimeSpan span) => span switch
    {
        { TotalSeconds: < 0 } => "just now",
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s ago"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min ago"),
        { TotalDays: < 2 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} h ago"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} days ago"),
    };
}
