namespace ChatTriageBot.Jobs;

/// <summary>
/// Runs jobs of one kind. Each feature registers handlers for its own kinds with <c>AddJobHandler</c>; the job system
/// never refers to a feature by name. A handler may run more than once for one job (after a crash), so side effects
/// go through <see cref="JobContext.RunOnceAsync"/>.
/// </summary>
internal interface IJobHandler
{
    string Kind { get; }

    Task HandleAsync(JobContext context, CancellationToken cancellationToken);
}
