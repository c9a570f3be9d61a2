using System.Text.Json.Nodes;
using ChatTriageBot.Digest;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Costs;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Digest;

/// <summary>
/// Posting a digest once against the fake Slack server: the message with its metadata, the chart through the
/// file-upload flow, and a crash between a post and its record that must not post again.
/// </summary>
public sealed class DigestPublisherTests : IAsyncLifetime
{
    private const string Channel = "C0DIGEST";
    private static readonly DigestWeek Week = new(2026, 47);
    private readonly FakeSlackServer _slack = new();
    private LedgerServices _ledger = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _slack.StartAsync(Ct);
        _ledger = await LedgerServices.StartAsync(
            new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
            new() { ["Slack:BotToken"] = _slack.BotToken, ["Slack:ApiBaseUrl"] = _slack.BaseUrl.ToString(), ["Digest:Channel"] = Channel },
            services => services.AddSlackWebApi().AddDigestPublisher());
    }

    public async ValueTask DisposeAsync()
    {
        await _ledger.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Publishing_PostsTheMessageWithMetadata_UploadsTheChartThroughTheUploadFlow_AndOnlyOnce()
    {
        var first = await PublishAsync();
        var again = await PublishAsync();

        Assert.Equal(DigestPublicationOutcome.Posted, first.Outcome);
        Assert.Equal(DigestPublicationOutcome.AlreadyPosted, again.Outcome);
        var post = Assert.Single(_slack.Calls("chat.postMessage"));
        Assert.Equal(Channel, post.Argument("channel"));
        var metadata = JsonNode.Parse(post.Argument("metadata")!)!;
        Assert.Equal(DigestPublisher.MetadataEventType, metadata["event_type"]!.GetValue<string>());
        Assert.Equal("2026-W47", metadata["event_payload"]!["period"]!.GetValue<string>());
        Assert.Contains("Weekly triage digest, 2026-W47", post.Argument("text"), StringComparison.Ordinal);

        var ticket = Assert.Single(_slack.Calls("files.getUploadURLExternal"));
        Assert.Equal("triage-digest-2026-W47.png", ticket.Argument("filename"));
        var upload = Assert.Single(_slack.Uploads);
        Assert.True(upload.Completed);
        Assert.Equal((Channel, null), (upload.ChannelId, upload.ThreadTs));
        Assert.Equal(upload.Length, upload.Bytes!.Value.Length);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], upload.Bytes!.Value.Span[..4].ToArray());
        Assert.Single(_slack.Calls("files.completeUploadExternal"));

        await using var db = _ledger.Db();
        var row = await db.Digests.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((DigestStatus.Posted, post.Request.Sequence > 0, upload.FileId, (string?)null), (row.Status, row.Ts is not null, row.ChartFileId, row.ClaimedBy));
        Assert.Equal((row.Ts, row.ChartFileId), (first.Ts, first.ChartFileId));
    }

    [Fact]
    public async Task ACrashAfterTheMessageWasPosted_FindsItByItsMetadata_AndPostsOnlyTheChart()
    {
        // The process died after chat.postMessage answered and before the post was recorded.
        var posted = new JsonObject
        {
            ["type"] = "message", ["user"] = _slack.BotUserId, ["bot_id"] = _slack.BotId, ["text"] = "Weekly triage digest", ["ts"] = "1763888400.000100",
            ["metadata"] = new JsonObject { ["event_type"] = DigestPublisher.MetadataEventType, ["event_payload"] = new JsonObject { ["period"] = "2026-W47" } },
        };
        _slack.AddMessage(Channel, posted);
        _slack.AddMessage(Channel, "1763888500.000100", "someone talking in the channel");

        var publication = await PublishAsync();

        Assert.Equal(("1763888400.000100", DigestPublicationOutcome.Posted), (publication.Ts, publication.Outcome));
        Assert.Empty(_slack.Calls("chat.postMessage"));
        Assert.Single(_slack.Uploads);
        Assert.Contains(_slack.Calls("conversations.history"), c => c.Argument("include_all_metadata") == "true");
    }

    [Fact]
    public async Task ACrashAfterTheChartWasShared_FindsItByItsName_AndUploadsNothingMore()
    {
        await PublishAsync();
        var chart = Assert.Single(_slack.Uploads).FileId;
        await using (var db = _ledger.Db())
        {
            // As if the process had died before recording the chart.
            await db.Digests.ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DigestStatus.Pending).SetProperty(d => d.ChartFileId, (string?)null), Ct);
        }

        var publication = await PublishAsync();

        Assert.Equal((DigestPublicationOutcome.Posted, chart), (publication.Outcome, publication.ChartFileId));
        Assert.Single(_slack.Uploads);
        Assert.Single(_slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task AWeekAnotherProcessIsPosting_IsLeftToIt_AndASkippedWeekIsPostedOnlyWhenAskedByHand()
    {
        await using (var db = _ledger.Db())
        {
            db.Digests.Add(new DigestRecord { Period = "2026-W47", Status = DigestStatus.Pending, ClaimedBy = "job 7", ClaimedUntil = _ledger.Clock.GetUtcNow().AddMinutes(3) });
            db.Digests.Add(new DigestRecord { Period = "2026-W46", Status = DigestStatus.Skipped });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(DigestPublicationOutcome.Busy, (await PublishAsync()).Outcome);
        Assert.Equal(DigestPublicationOutcome.Skipped, (await PublishAsync(new DigestWeek(2026, 46))).Outcome);
        Assert.Empty(_slack.Calls("chat.postMessage"));

        Assert.Equal(DigestPublicationOutcome.Posted, (await PublishAsync(new DigestWeek(2026, 46), evenIfSkipped: true)).Outcome);
        _ledger.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(DigestPublicationOutcome.Posted, (await PublishAsync()).Outcome);
        Assert.Equal(2, _slack.Calls("chat.postMessage").Count);
    }

    private Task<DigestPublication> PublishAsync(DigestWeek? week = null, bool evenIfSkipped = false) =>
        _ledger.Get<DigestPublisher>().PublishAsync(week ?? Week, "test", evenIfSkipped, Ct);
}
