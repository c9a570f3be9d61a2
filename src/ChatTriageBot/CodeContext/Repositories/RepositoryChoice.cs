namespace ChatTriageBot.CodeContext;

/// <summary>
/// Which repository a request is about: <see cref="Chosen"/> and why, or (when it cannot be told) the
/// <see cref="Candidates"/> to ask about, or a <see cref="Problem"/> to report (an unknown repository was named).
/// </summary>
internal sealed record RepositoryChoice(RepositoryOptions? Chosen, string Reason, IReadOnlyList<RepositoryOptions> Candidates, string? Problem = null);
