namespace ChatTriageBot.Triage;

/// <summary>What <c>/triage help</c> says first: how to ask for a triage (the subcommands follow).</summary>
internal static class TriageHelp
{
    public const string Intro = """
        *ChatTriageBot*: mention me (`@triagebot`) on a support message, or in its thread, and I post a diagnosis there.
        Add `repo=owner/name` to the mention to choose the repository.
        """;
}
