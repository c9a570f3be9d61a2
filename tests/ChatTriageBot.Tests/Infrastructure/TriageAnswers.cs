namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// A triage posts one message in its thread and updates it in place; these wait for the update that is the answer
/// (not a progress stage) and read it.
/// </summary>
public static class TriageAnswers
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>The first <c>chat.update</c> that is no longer a progress message (and matches <paramref name="predicate"/>).</summary>
    public static Task<SlackCall> WaitForAnswerAsync(this FakeSlackServer slack, Func<SlackCall, bool>? predicate = null, TimeSpan? timeout = null) =>
        slack.WaitForCallAsync(
            "chat.update",
            c => !IsProgress(c) && (predicate is null || predicate(c)),
            timeout ?? Wait,
            TestContext.Current.CancellationToken);

    /// <summary>The text and blocks of a call, for assertions on what a person would read.</summary>
    public static string Shown(this SlackCall call) => (call.Argument("text") ?? string.Empty) + "\n" + (call.Argument("blocks") ?? string.Empty);

    private static bool IsProgress(SlackCall call) =>
        call.Argument("blocks")?.Contains(":hourglass_flowing_sand:", StringComparison.Ordinal) ?? false;
}
