using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatTriageBot.Tests.Slack;

/// <summary>
/// Bad input for the three Slack endpoints, made from a seed (the same seed gives the same cases): malformed JSON and
/// forms, wrong content types, huge and deeply nested bodies, invalid UTF-8, missing and mistyped fields, unknown event
/// and interaction types, and random byte mutations of valid requests. Every case is signed validly by the sender, so it
/// gets past the signature check and reaches the parsers and handlers. Shared with the benchmark project's <c>fuzz</c>
/// (linked there, with <see cref="SlackFuzzCase"/>).
/// </summary>
internal static class SlackFuzzCases
{
    public const string Events = "/slack/events";
    public const string Interactions = "/slack/interactions";
    public const string Commands = "/slack/commands";

    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    private static readonly string[] Kinds =
    [
        "malformed-json", "malformed-form", "wrong-content-type", "huge", "deep", "invalid-utf8", "mistyped-event",
        "mistyped-interaction", "mistyped-command", "unknown-event", "unknown-interaction", "mutated",
    ];

    /// <summary>The cases of <paramref name="seed"/>, <paramref name="count"/> of them, every kind in turn.</summary>
    public static IEnumerable<SlackFuzzCase> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            yield return kind switch
            {
                "malformed-json" => new(kind, Events, Json, MalformedJson(random)),
                "malformed-form" => new(kind, random.Next(2) == 0 ? Interactions : Commands, Form, MalformedForm(random)),
                "wrong-content-type" => WrongContentType(random),
                "huge" => Huge(random),
                "deep" => Deep(random),
                "invalid-utf8" => InvalidUtf8(random),
                "mistyped-event" => new(kind, Events, Json, Utf8(MistypedEvent(random).ToJsonString())),
                "mistyped-interaction" => new(kind, Interactions, Form, FormOf("payload", MistypedInteraction(random).ToJsonString())),
                "mistyped-command" => new(kind, Commands, Form, MistypedCommand(random)),
                "unknown-event" => new(kind, Events, Json, Utf8(UnknownEvent(random).ToJsonString())),
                "unknown-interaction" => new(kind, Interactions, Form, FormOf("payload", UnknownInteraction(random).ToJsonString())),
                _ => Mutated(random),
            };
        }
    }

    private static byte[] MalformedJson(Random random)
    {
        var valid = Envelope(random, Message(random)).ToJsonString();
        return random.Next(6) switch
        {
            0 => Utf8(valid[..random.Next(1, valid.Length)]),
            1 => Utf8(valid.Replace("\"", string.Empty, StringComparison.Ordinal)),
            2 => Utf8("{\"type\": \"event_callback\", \"event\": {\"type\": \"message\", "),
            3 => Utf8(string.Concat(Enumerable.Repeat("]", random.Next(1, 50)))),
            4 => RandomBytes(random, random.Next(0, 400)),
            _ => Utf8("null"),
        };
    }

    private static byte[] MalformedForm(Random random) => random.Next(6) switch
    {
        0 => Utf8("payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B"),
        1 => Utf8("payload=%ZZ%GG&&&==="),
        2 => Utf8("payload"),
        3 => Utf8("=" + new string('=', random.Next(1, 200))),
        4 => RandomBytes(random, random.Next(0, 400)),
        _ => Utf8("command=/triage&text=" + new string('%', random.Next(1, 20))),
    };

    private static SlackFuzzCase WrongContentType(Random random)
    {
        string[] types = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/octet-stream", "", "application/json; charset=utf-16", "text/html"];
        var path = Pick(random, [Events, Interactions, Commands]);
        var body = path == Events ? Utf8(Envelope(random, Message(random)).ToJsonString()) : FormOf("payload", Interaction(random).ToJsonString());
        return new("wrong-content-type", path, Pick(random, types), body);
    }

    private static SlackFuzzCase Huge(Random random)
    {
        var path = Pick(random, [Events, Interactions, Commands]);
        // Above the 1 MiB limit (413), or just under it with one enormous field.
        var size = random.Next(2) == 0 ? 1024 * 1024 + random.Next(1, 200_000) : 900_000;
        var text = new string('a', size);
        return path == Events
            ? new("huge", path, Json, Utf8(Envelope(random, Message(random, text)).ToJsonString()))
            : new("huge", path, Form, path == Interactions ? FormOf("payload", text) : FormOf("text", text));
    }

    private static SlackFuzzCase Deep(Random random)
    {
        var depth = random.Next(65, 20_000);
        var nested = new StringBuilder();
        nested.Append(Pick(random, ["[", "{\"a\":"]) switch { "[" => string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)), _ => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + string.Concat(Enumerable.Repeat("}", depth)) });
        var path = Pick(random, [Events, Interactions]);
        var body = path == Events
            ? Utf8($"{{\"type\":\"event_callback\",\"event_id\":\"Ev{random.Next():D10}\",\"event\":{{\"type\":\"message\",\"channel\":\"C0FUZZ\",\"ts\":\"1.2\",\"blocks\":{nested}}}}}")
            : FormOf("payload", nested.ToString());
        return new("deep", path, path == Events ? Json : Form, body);
    }

    private static SlackFuzzCase InvalidUtf8(Random random)
    {
        byte[][] bad = [[0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0xBC], [0xFF], [0xED, 0xA0, 0x80]];
        var path = Pick(random, [Events, Interactions, Commands]);
        var prefix = path == Events ? Utf8("{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\",\"user\":\"U0FUZZ\",\"channel\":\"C0FUZZ\",\"ts\":\"1700000000.1\",\"text\":\"")
            : path == Interactions ? Utf8("payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22") : Utf8("command=/triage&user_id=U0FUZZ&text=");
        var suffix = path == Events ? Utf8("\"}}") : path == Interactions ? Utf8("%22%7D%7D") : Utf8("&channel_id=C0FUZZ");
        return new("invalid-utf8", path, path == Events ? Json : Form, [.. prefix, .. Pick(random, bad), .. suffix]);
    }

    private static JsonObject MistypedEvent(Random random)
    {
        var envelope = Envelope(random, Message(random));
        JsonNode?[] odd = [null, 42, true, "text", new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, -1.5, string.Empty];
        switch (random.Next(8))
        {
            case 0:
                envelope["event"] = Pick(random, odd)?.DeepClone();
                break;
            case 1:
                envelope["event"]!.AsObject().Remove("type");
                break;
            case 2:
                envelope["event"]!["ts"] = Pick(random, odd)?.DeepClone();
                break;
            case 3:
                envelope["event"]!["user"] = Pick(random, odd)?.DeepClone();
                break;
            case 4:
                envelope["event"]!["channel"] = Pick(random, odd)?.DeepClone();
                break;
            case 5:
                envelope["type"] = Pick(random, odd)?.DeepClone();
                break;
            case 6:
                envelope["event_id"] = Pick(random, odd)?.DeepClone();
                envelope["event"]!["type"] = "app_mention";
                envelope["event"]!["text"] = Pick(random, odd)?.DeepClone();
                break;
            default:
                envelope["event"]!["message"] = Pick(random, odd)?.DeepClone();
                envelope["event"]!["subtype"] = "message_changed";
                envelope["event"]!["previous_message"] = Pick(random, odd)?.DeepClone();
                break;
        }

        return envelope;
    }

    private static JsonNode MistypedInteraction(Random random)
    {
        var payload = Interaction(random);
        JsonNode?[] odd = [null, 42, true, "text", new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, string.Empty];
        switch (random.Next(7))
        {
            case 0:
                payload["actions"] = Pick(random, odd)?.DeepClone();
                break;
            case 1:
                payload["actions"]![0]!.AsObject().Remove("action_id");
                break;
            case 2:
                payload["user"] = Pick(random, odd)?.DeepClone();
                break;
            case 3:
                payload["actions"]![0]!["value"] = Pick(random, odd)?.DeepClone();
                break;
            case 4:
                payload["type"] = "view_submission";
                payload["view"] = Pick(random, odd)?.DeepClone();
                break;
            case 5:
                payload["container"] = Pick(random, odd)?.DeepClone();
                payload["channel"] = Pick(random, odd)?.DeepClone();
                break;
            default:
                return Pick(random, odd)?.DeepClone() ?? JsonValue.Create(0);
        }

        return payload;
    }

    private static byte[] MistypedCommand(Random random)
    {
        var fields = new Dictionary<string, string>
        {
            ["command"] = Pick(random, ["/triage", "/TRIAGE", "/unknown", string.Empty, "triage", "/triage\n"]),
            ["text"] = Pick(random, ["help", "repo", "repo a/b c/d", "cost 7d by everything", new string('x', 3000), "\u0000", "<@U0BOT>", string.Empty]),
            ["user_id"] = Pick(random, ["U0FUZZ", string.Empty, "   "]),
            ["channel_id"] = Pick(random, ["C0FUZZ", string.Empty]),
            ["response_url"] = Pick(random, ["not a url", "http://127.0.0.1:1/x", string.Empty, "ftp://example.invalid/"]),
        };
        foreach (var key in fields.Keys.ToList().Where(_ => random.Next(4) == 0))
        {
            fields.Remove(key);
        }

        return Utf8(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
    }

    private static JsonObject UnknownEvent(Random random)
    {
        var inner = Message(random);
        inner["type"] = Pick(random, ["reaction_added", "team_join", "channel_created", "emoji_changed", "app_home_opened", "tokens_revoked", "x_unknown_" + random.Next()]);
        var envelope = Envelope(random, inner);
        if (random.Next(4) == 0)
        {
            envelope["type"] = Pick(random, ["app_rate_limited", "url_verification", "unknown_envelope"]);
        }

        return envelope;
    }

    private static JsonObject UnknownInteraction(Random random)
    {
        var payload = Interaction(random);
        payload["type"] = Pick(random, ["shortcut", "message_action", "block_suggestion", "view_closed", "interactive_message", "dialog_submission", "x_unknown"]);
        if (random.Next(2) == 0)
        {
            payload["actions"]![0]!["action_id"] = "x_unknown_" + random.Next().ToString(CultureInfo.InvariantCulture);
        }

        return payload;
    }

    private static SlackFuzzCase Mutated(Random random)
    {
        var path = Pick(random, [Events, Interactions, Commands]);
        var body = path switch
        {
            Events => Utf8(Envelope(random, Message(random)).ToJsonString()),
            Interactions => FormOf("payload", Interaction(random).ToJsonString()),
            _ => Utf8("command=%2Ftriage&text=help&user_id=U0FUZZ&channel_id=C0FUZZ&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr"),
        };
        for (var flips = random.Next(1, 6); flips > 0; flips--)
        {
            body[random.Next(body.Length)] = (byte)random.Next(256);
        }

        return new("mutated", path, path == Events ? Json : Form, body);
    }

    /// <summary>An <c>event_callback</c> around <paramref name="inner"/>, with a fresh event id.</summary>
    private static JsonObject Envelope(Random random, JsonObject inner) => new()
    {
        ["token"] = "deprecated",
        ["team_id"] = "T0TEAM",
        ["api_app_id"] = "A0APP",
        ["type"] = "event_callback",
        ["event_id"] = "EvFUZZ" + random.Next().ToString(CultureInfo.InvariantCulture),
        ["event_time"] = 1700000000,
        ["event"] = inner,
    };

    /// <summary>A channel message that mentions nobody (valid, and ignored unless the fuzz makes it something else).</summary>
    private static JsonObject Message(Random random, string? text = null) => new()
    {
        ["type"] = "message",
        ["user"] = "U0FUZZ",
        ["text"] = text ?? "just chatting " + random.Next().ToString(CultureInfo.InvariantCulture),
        ["ts"] = $"1700000000.{random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture)}",
        ["channel"] = "C0FUZZ",
        ["channel_type"] = "channel",
    };

    private static JsonObject Interaction(Random random) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "U0FUZZ", ["username"] = "fuzz", ["team_id"] = "T0TEAM" },
        ["team"] = new JsonObject { ["id"] = "T0TEAM", ["domain"] = "fuzz" },
        ["api_app_id"] = "A0APP",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = "C0FUZZ" },
        ["channel"] = new JsonObject { ["id"] = "C0FUZZ", ["name"] = "fuzz" },
        ["response_url"] = "http://127.0.0.1:1/actions/fuzz",
        ["trigger_id"] = "1.2.3",
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = Pick(random, ["triage_helpful", "fix_generate", "fix_open_pr", "fix_revise", "fix_discard", "triage_retry", "triage_choose_repository:0", "nobody_owns_this"]),
            ["block_id"] = "b1",
            ["value"] = Pick(random, ["1", "0", "-1", "99999999999999999999", "abc", string.Empty, "acme/shop"]),
            ["action_ts"] = "1700000100.000001",
        }),
    };

    private static byte[] FormOf(string name, string value) => Utf8($"{name}={Uri.EscapeDataString(value)}");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
