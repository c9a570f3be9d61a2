using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ChatTriageBot.Tests.Costs.CostCommandTests;

namespace ChatTriageBot.Tests.Triage;

/// <summary>
/// Support-channel intake and <c>/triage auto on|off</c>, through the real app: a new top-level message from a person is
/// a request received (never its text), and in auto mode it is triaged without a mention, in the usual one-message flow.
/// </summary>
public sealed class SupportIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ANewTopLevelMessageFromAPerson_IsRecordedOnce_AndNothingElseIs_AndItsTextIsNotStored()
    {
        await using var app = await StartIntakeAsync();
        const string Planted = "INTAKE-TEXT-MARKER-7f3a checkout is broken";
        var ts = SlackRequests.NextTs();

        var message = SlackRequests.Message(ts, Planted, user: "U0CUSTOMER");
        await DeliverAsync(app, message, eventId: "EvINTAKE1");
        await DeliverAsync(app, message, eventId: "EvINTAKE1", retryNum: 1);
        await DeliverAsync(app, message, eventId: "EvINTAKE2");
        await DeliverAsync(app, SlackRequests.Message(SlackRequests.NextTs(), "a reply in a thread", user: "U0CUSTOMER", threadTs: ts));
        await DeliverAsync(app, Edited(ts, Planted + " (edited)"));
        await DeliverAsync(app, WithField(SlackRequests.Message(SlackRequests.NextTs(), "<@U0NEW> has joined the channel"), "subtype", "channel_join"));
        await DeliverAsync(app, WithField(SlackRequests.Message(SlackRequests.NextTs(), "a bot's message", user: "U0OTHERBOT"), "bot_id", "B0OTHER"));
        await DeliverAsync(app, WithField(SlackRequests.Message(SlackRequests.NextTs(), "elsewhere"), "channel", "C0RANDOM"));

        await using var db = app.Db();
        var request = await db.SupportRequests.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((SlackRequests.Channel, ts, "U0CUSTOMER"), (request.Channel, request.Ts, request.UserId));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds((long)(decimal.Parse(ts, System.Globalization.CultureInfo.InvariantCulture) * 1000)), request.ReceivedAt);
        Assert.Empty(await db.Triages.ToListAsync(Ct));
        if (TestDatabase.IsPostgres)
        {
            // Every row of every table, as text.
            var tables = await db.Database.SqlQuery<string>($"SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync(Ct);
            foreach (var table in tables)
            {
                // The table's name comes from the catalogue just read; identifiers cannot be parameters.
                var sql = "SELECT count(*)::int AS \"Value\" FROM \"" + table + "\" t WHERE t::text LIKE '%INTAKE-TEXT-MARKER-7f3a%'";
                var found = await db.Database.SqlQueryRaw<int>(sql).SingleAsync(Ct);
                Assert.True(found == 0, $"the message's text is stored in {table}");
            }

            return;
        }

        db.Database.ExecuteSql($"PRAGMA wal_checkpoint(TRUNCATE)");
        foreach (var file in Directory.GetFiles(app.Data.Combine("data"), "chattriagebot.db*"))
        {
            Assert.DoesNotContain("INTAKE-TEXT-MARKER-7f3a", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, Ct)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AutoOn_TriagesANewRequestWithoutAMention_InOneMessageUpdatedInPlace_AndAutoOff_OnlyCountsIt()
    {
        await using var app = await StartIntakeAsync();
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2400, completionTokens: 380);

        var on = (await CommandAsync(app, "auto on"))["text"]!.GetValue<string>();
        Assert.StartsWith("Auto triage is now *on* here", on, StringComparison.Ordinal);
        var ts = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, ts, SampleShop.CustomerReport, user: "U0CUSTOMER");
        await DeliverAsync(app, SlackRequests.Message(ts, SampleShop.CustomerReport, user: "U0CUSTOMER"));
        var answer = await app.Slack.WaitForAnswerAsync();

        var post = Assert.Single(app.Slack.Calls("chat.postMessage"));
        Assert.Equal(ts, post.Argument("thread_ts"));
        Assert.Contains(":hourglass_flowing_sand:", post.Argument("blocks"), StringComparison.Ordinal);
        Assert.Equal(post.Argument("channel"), answer.Argument("channel"));
        Assert.Contains("CartService.Total dereferences Cart.Discount", answer.Shown(), StringComparison.Ordinal);
        Assert.Contains(app.Slack.Calls("reactions.add"), c => c.Argument("timestamp") == ts && c.Argument("name") == "eyes");
        await app.WaitForStatusAsync(TriageStatus.Completed);
        await using (var db = app.Db())
        {
            var triage = await db.Triages.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((ts, "U0CUSTOMER"), (triage.ThreadTs, triage.RequestedBy));
            Assert.Equal(triage.Id, (await db.ModelUsage.AsNoTracking().SingleAsync(Ct)).TriageId);
        }

        var off = (await CommandAsync(app, "auto off"))["text"]!.GetValue<string>();
        Assert.StartsWith("Auto triage is now *off* here", off, StringComparison.Ordinal);
        var later = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, later, "Another customer problem", user: "U0CUSTOMER");
        await DeliverAsync(app, SlackRequests.Message(later, "Another customer problem", user: "U0CUSTOMER"));
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);

        Assert.Single(app.Slack.Calls("chat.postMessage"));
        Assert.Single(app.OpenAI.CompletionRequests);
        await using (var db = app.Db())
        {
            Assert.Equal(2, await db.SupportRequests.CountAsync(Ct));
            Assert.Equal(1, await db.Triages.CountAsync(Ct));
        }
    }

    [Fact]
    public async Task Auto_IsOffByDefault_AndOnlyPeopleAllowedToGenerateFixesMaySwitchIt_InASupportChannel()
    {
        await using var app = await StartIntakeAsync();

        var shown = (await CommandAsync(app, "auto"))["text"]!.GetValue<string>();
        var refused = (await CommandAsync(app, "auto on", user: "U0SOMEONE"))["text"]!.GetValue<string>();
        var malformed = (await CommandAsync(app, "auto maybe"))["text"]!.GetValue<string>();

        Assert.StartsWith("Auto triage is *off* here", shown, StringComparison.Ordinal);
        Assert.Contains("only people allowed to click *Generate fix*", refused, StringComparison.Ordinal);
        Assert.StartsWith("Usage: `/triage auto on|off`", malformed, StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.False(await db.ChannelSettings.AnyAsync(c => c.AutoTriage, Ct));

        await using var elsewhere = await new AppFixture().With("Access:GenerateFix:0", SlackRequests.Engineer).StartAsync();
        var notSupport = (await CommandAsync(elsewhere, "auto on"))["text"]!.GetValue<string>();
        Assert.Contains("This is not a support channel I read", notSupport, StringComparison.Ordinal);
    }

    private static Task<AppFixture> StartIntakeAsync() =>
        new AppFixture().With("Intake:Channels:0", SlackRequests.Channel).With("Access:GenerateFix:0", SlackRequests.Engineer).With("Triage:SimilarityThreshold", "1").StartAsync();

    private static async Task DeliverAsync(AppFixture app, JsonObject message, string? eventId = null, int? retryNum = null)
    {
        using var client = app.CreateClient();
        using var request = SlackRequests.Event(SlackRequests.Envelope(message.DeepClone().AsObject(), eventId), AppFixture.SigningSecret, retryNum);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonObject Edited(string ts, string text) => new()
    {
        ["type"] = "message",
        ["subtype"] = "message_changed",
        ["channel"] = SlackRequests.Channel,
        ["channel_type"] = "channel",
        ["ts"] = SlackRequests.NextTs(),
        ["hidden"] = true,
        ["message"] = new JsonObject { ["type"] = "message", ["user"] = "U0CUSTOMER", ["text"] = text, ["ts"] = ts, ["edited"] = new JsonObject { ["user"] = "U0CUSTOMER", ["ts"] = SlackRequests.NextTs() } },
        ["previous_message"] = new JsonObject { ["type"] = "message", ["user"] = "U0CUSTOMER", ["text"] = "before", ["ts"] = ts },
    };

    private static JsonObject WithField(JsonObject message, string name, string value)
    {
        message[name] = value;
        return message;
    }
}
