namespace ChatTriageBot.Hosting;

/// <summary>The verbs of the command-line contract (triage, locate, ...). Serving is the default when no verb is given.</summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal);

    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return Task.FromResult(2);
    }
}
