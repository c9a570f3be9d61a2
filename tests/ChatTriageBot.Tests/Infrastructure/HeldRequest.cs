namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>A request a fake server holds (see <see cref="FakeHttpServer.Hold"/>): "hang this request and tell me when it arrives".</summary>
public sealed class HeldRequest
{
    private readonly Func<RecordedRequest, bool> _predicate;
    private readonly TaskCompletionSource<RecordedRequest> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _withdrawn;

    internal HeldRequest(Func<RecordedRequest, bool> predicate, HoldPoint point)
    {
        _predicate = predicate;
        Point = point;
    }

    public HoldPoint Point { get; }

    /// <summary>Completes with the request once it has arrived and is being held.</summary>
    public Task<RecordedRequest> Arrived => _arrived.Task;

    /// <summary>Lets the held request go on (answered as it would have been).</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Holds nothing more: a request that has not arrived yet goes through (one already held stays held).</summary>
    public void Withdraw() => _withdrawn = true;

    internal bool Matches(RecordedRequest request) => !_withdrawn && !_arrived.Task.IsCompleted && _predicate(request);

    internal async Task WaitAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        _arrived.TrySetResult(request);
        await _released.Task.WaitAsync(cancellationToken);
    }
}
