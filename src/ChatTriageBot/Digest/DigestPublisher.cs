using System.Text.Json.Nodes;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Digest;

/// <summary>
/// Posts a week's digest once. The week's row in <c>digests</c> is the claim (one process at a time, for a few minutes,
/// so a dead process lets go) and the record of each side effect: the message, tagged with Slack message metadata that
/// names the week, and the chart, uploaded with the file-upload flow under a name that names the week. Before posting
/// either, the channel's recent history is searched for it, so a crash between a post and its record does not post twice.
/// </summary>
internal sealed partial class DigestPublisher(
    IDbContextFactory<TriageDbContext> databases,
    DigestComposer composer,
    SlackApiClient slack,
    IOptions<DigestOptions> options,
    TimeProvider timeProvider,
    ILogger<DigestPublisher> logger)
{
    /// <summary>The metadata event type of a digest message; its payload's <c>period</c> is the week.</summary>
    public const string MetadataEventType = "chattriagebot_digest";

    private const int HistoryToSearch = 200;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Posts the digest of <paramref name="week"/> unless it was posted already or another process is posting it; a week
    /// skipped as due before the bot first ran is posted only <paramref name="evenIfSkipped"/> (someone asked for it by hand).
    /// </summary>
    public async Task<DigestPublication> PublishAsync(DigestWeek week, string claimant, bool evenIfSkipped, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        var channel = options.Value.Channel?.Trim() is { Length: > 0 } configured ? configured : throw new InvalidOperationException("Digest__Channel is not set.");
        var period = week.ToString();
        var now = timeProvider.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await EnsureRowAsync(db, period, now, cancellationToken);
        var claimed = await db.Digests
            .Where(d => d.Period == period
                && (d.Status == DigestStatus.Pending || (evenIfSkipped && d.Status == DigestStatus.Skipped))
                && (d.ClaimedBy == null || d.ClaimedBy == claimant || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(
                set => set.SetProperty(d => d.Status, DigestStatus.Pending)
                    .SetProperty(d => d.ClaimedBy, claimant)
                    .SetProperty(d => d.ClaimedUntil, now + ClaimFor)
                    .SetProperty(d => d.Channel, channel),
                cancellationToken);
        var row = await db.Digests.AsNoTracking().FirstAsync(d => d.Period == period, cancellationToken);
        if (claimed == 0)
        {
            var outcome = row.Status switch
            {
                DigestStatus.Posted => DigestPublicationOutcome.AlreadyPosted,
                DigestStatus.Skipped => DigestPublicationOutcome.Skipped,
                _ => DigestPublicationOutcome.Busy,
            };
            return new DigestPublication(outcome, period, row.Channel, row.Ts, row.ChartFileId);
        }

        var content = await composer.ComposeAsync(week, cancellationToken);
        IReadOnlyList<ThreadMessage>? history = null;
        var ts = row.Ts;
        if (ts is null)
        {
            history = await slack.GetHistoryAsync(channel, HistoryToSearch, cancellationToken: cancellationToken);
            ts = FindPost(history, period);
            if (ts is null)
            {
                var message = DigestFormat.Slack(content, await WorkspaceAsync(cancellationToken));
                ts = (await slack.PostMessageAsync(
                    new OutgoingMessage(channel, message.FallbackText)
                    {
                        Blocks = message.Blocks,
                        Metadata = new SlackMessageMetadata(MetadataEventType, new JsonObject { ["period"] = period }),
                    },
                    cancellationToken)).Ts;
            }

            await db.Digests.Where(d => d.Period == period).ExecuteUpdateAsync(set => set.SetProperty(d => d.Ts, ts), cancellationToken);
        }

        var chart = row.ChartFileId ?? FindChart(history ?? await slack.GetHistoryAsync(channel, HistoryToSearch, cancellationToken: cancellationToken), week) ?? await slack.UploadFileAsync(
            channel, null, DigestChart.FileName(week), DigestChart.Render(content), title: $"Daily spend and triages, 4 weeks to the end of {period}", cancellationToken: cancellationToken);
        await db.Digests.Where(d => d.Period == period).ExecuteUpdateAsync(
            set => set.SetProperty(d => d.ChartFileId, chart)
                .SetProperty(d => d.Status, DigestStatus.Posted)
                .SetProperty(d => d.PostedAt, timeProvider.GetUtcNow())
                .SetProperty(d => d.ClaimedBy, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null),
            cancellationToken);
        Log.Posted(logger, period, channel, ts);
        return new DigestPublication(DigestPublicationOutcome.Posted, period, channel, ts, chart);
    }

    /// <summary>The week's row, added as due now when no schedule added it (a digest asked for by hand).</summary>
    private static async Task EnsureRowAsync(TriageDbContext db, string period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Digests.AsNoTracking().AnyAsync(d => d.Period == period, cancellationToken))
        {
            return;
        }

        db.Digests.Add(new DigestRecord { Period = period, Status = DigestStatus.Pending, DueAt = now, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
        {
            // Added at the same instant by another process: the row is there, which is all this wanted.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The digest message of <paramref name="period"/> among the channel's recent messages (by its metadata), or null.</summary>
    private static string? FindPost(IReadOnlyList<ThreadMessage> history, string period) =>
        history.FirstOrDefault(m => m.Metadata is { EventType: MetadataEventType } meta
            && meta.Payload["period"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && meta.Payload["period"]!.GetValue<string>() == period)?.Ts;

    /// <summary>The chart of <paramref name="week"/> among the files the channel's recent messages share (by its name), or null.</summary>
    private static string? FindChart(IReadOnlyList<ThreadMessage> history, DigestWeek week) =>
        history.SelectMany(m => m.Files).FirstOrDefault(f => f.Name == DigestChart.FileName(week))?.Id;

    /// <summary>The workspace's address (<c>auth.test</c>'s url), for links to threads; none when Slack does not say.</summary>
    private async Task<Uri?> WorkspaceAsync(CancellationToken cancellationToken) =>
        (await slack.AuthTestAsync(cancellationToken)).Url is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Digest {Period} posted in {Channel} ({Ts})")]
        public static partial void Posted(ILogger logger, string period, string channel, string ts);
    }
}
