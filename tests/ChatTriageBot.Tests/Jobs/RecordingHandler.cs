using System.Collections.Concurrent;
using ChatTriageBot.Jobs;

namespace ChatTriageBot.Tests.Jobs;

/// <summary>A job handler whose behaviour each test scripts; it counts its runs.</summary>
internal sealed class RecordingHandler(RecordingHandler.Script script) : IJobHandler
{
    public string Kind => script.Kind;

    public Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        script.Runs.Enqueue((context.JobId, context.Attempt, context.Payload));
        return script.Behaviour(context, cancellationToken);
    }

    internal sealed class Script(string kind, Func<JobContext, CancellationToken, Task> behaviour)
    {
        public string Kind => kind;

        public Func<JobContext, CancellationToken, Task> Behaviour => behaviour;

        public ConcurrentQueue<(long JobId, int Attempt, string Payload)> Runs { get; } = new();
    }
}
