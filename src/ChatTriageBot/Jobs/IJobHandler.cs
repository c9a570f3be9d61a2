namespace ChatTriageBot.Jobs;

/// <summary>
/// Runs jobs of one kind. Each feature registers handlers for its own kinds with <c>AddJobHandler</c>; the job system
/// never refers to a feature by name. A handler may run more than once for one job (after a crash), so every side
/// effect goes through <see cref="JobContext.RunOnceAsync(string, Func{bool, CancellationToken, Task{string}}, CancellationToken)"/>
/// and is findable or keyed (see the README's architecture section).
/// </summary>
internal interface IJobHandler
{
    string Kind { get; }

    Task HandleAsync(JobContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Called once when the job has failed for good (its last attempt threw <paramref name="exception"/>, or died with its
    /// process when <paramref name="exception"/> is null), so the handler can say so where its users look and leave its
    /// work in a state a person can try again from. Failures here are logged and otherwise ignored.
    /// </summary>
    Task GaveUpAsync(JobContext context, Exception? exception, CancellationToken cancellationToken) => Task.CompletedTask;
}
