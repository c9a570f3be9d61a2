using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Storage;

/// <summary>
/// Group commit for small, frequent writes (a Slack delivery's job, a dedupe claim): callers queue a request and wait;
/// whoever finds no write in progress becomes the writer, takes whatever has queued up (up to <see cref="MaxBatch"/>,
/// of any <see cref="GroupWrite{TRequest, TResult}"/>), writes it all in one transaction and answers every caller.
/// Under load a commit, and SQLite's single write lock, is paid once per batch instead of once per caller, and callers
/// never queue on the database lock; when idle a request is written at once by its own caller, with no hand-off to
/// another thread, so latency does not grow.
/// </summary>
/// <remarks>
/// If a batch fails (for instance another replica wrote the same unique key a moment earlier), each of its requests is
/// written again on its own, so one request's conflict never fails the others. A caller who stops waiting does not
/// un-write a request already taken into a batch. A writer whose own request is answered hands what is still queued to
/// the thread pool rather than keep its caller waiting for others' writes.
/// </remarks>
internal sealed class StorageWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly IDbContextFactory<TriageDbContext> _databases;
    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly List<PendingWrite> _batch = new(MaxBatch);
    private TriageDbContext? _db;
    private bool _disposed;

    public StorageWriter(IDbContextFactory<TriageDbContext> databases)
    {
        _databases = databases;
    }

    public async Task<TResult> RunAsync<TRequest, TResult>(GroupWrite<TRequest, TResult> operation, TRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        var pending = new GroupWrite<TRequest, TResult>.Pending(operation, request);
        _queue.Enqueue(pending);
        await WriteQueuedAsync(pending.Result.Task);
        return await pending.Result.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        await _writing.WaitAsync();
        try
        {
            // Requests queued before the writer was disposed are still written.
            while (TakeBatch())
            {
                await WriteAsync(_batch);
                _batch.Clear();
            }

            await ResetAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Writes batches while requests are queued and no one else is writing, until <paramref name="own"/> (the caller's
    /// request, if any) is answered; what is queued after that is left to the thread pool. Every request queued is
    /// written: one queued while another writer finishes is seen by that writer, or by the check after it lets go.
    /// </summary>
    private async Task WriteQueuedAsync(Task? own)
    {
        while (!_queue.IsEmpty && _writing.Wait(0))
        {
            try
            {
                while (own?.IsCompleted != true && TakeBatch())
                {
                    await WriteAsync(_batch);
                    _batch.Clear();
                }
            }
            finally
            {
                _writing.Release();
            }

            if (own?.IsCompleted == true)
            {
                if (!_queue.IsEmpty)
                {
                    _ = Task.Run(() => WriteQueuedAsync(null));
                }

                return;
            }
        }
    }

    private bool TakeBatch()
    {
        while (_batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            _batch.Add(next);
        }

        return _batch.Count > 0;
    }

    private async Task ResetAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
            _db = null;
        }
    }

    private async Task WriteAsync(List<PendingWrite> batch)
    {
        try
        {
            // One context and connection for the writer's life (opened once); a failed batch replaces them.
            if (_db is null)
            {
                _db = await _databases.CreateDbContextAsync(CancellationToken.None);
                await _db.Database.OpenConnectionAsync(CancellationToken.None);
            }

            var db = _db;
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            foreach (var group in batch.GroupBy(p => p.Operation))
            {
                await group.Key.WriteBatchAsync(db, [.. group], CancellationToken.None);
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception) when (batch.Count > 1)
        {
            await ResetAsync();
            foreach (var pending in batch)
            {
                await pending.WriteAloneAsync(CancellationToken.None);
            }

            return;
        }
        catch (Exception exception)
        {
            await ResetAsync();
            batch[0].Fail(exception);
            return;
        }

        foreach (var pending in batch)
        {
            pending.Complete();
        }
    }
}

/// <summary>A kind of write the <see cref="StorageWriter"/> can batch.</summary>
internal abstract class GroupWriteOperation
{
    internal abstract Task WriteBatchAsync(TriageDbContext db, IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken);
}

/// <summary>One queued request of some <see cref="GroupWriteOperation"/>.</summary>
internal abstract class PendingWrite
{
    internal abstract GroupWriteOperation Operation { get; }

    internal abstract void Complete();

    internal abstract void Fail(Exception exception);

    internal abstract Task WriteAloneAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A batched write: <c>batch</c> writes many requests inside the transaction it is given (it may call SaveChanges
/// several times) and returns one result per request, in order; it must itself handle requests that conflict with each
/// other or with rows already stored. <c>alone</c> writes one request in its own context and transaction: the
/// fallback after a failed batch.
/// </summary>
internal sealed class GroupWrite<TRequest, TResult>(
    Func<TriageDbContext, IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> batch,
    Func<TRequest, CancellationToken, Task<TResult>> alone) : GroupWriteOperation
{
    internal override async Task WriteBatchAsync(TriageDbContext db, IReadOnlyList<PendingWrite> pending, CancellationToken cancellationToken)
    {
        var typed = pending.Cast<Pending>().ToList();
        var results = await batch(db, [.. typed.Select(p => p.Request)], cancellationToken);
        for (var i = 0; i < typed.Count; i++)
        {
            typed[i].Staged = results[i];
        }
    }

    internal sealed class Pending(GroupWrite<TRequest, TResult> operation, TRequest request) : PendingWrite
    {
        public TRequest Request => request;

        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TResult? Staged { get; set; }

        internal override GroupWriteOperation Operation => operation;

        internal override void Complete() => Result.TrySetResult(Staged!);

        internal override void Fail(Exception exception) => Result.TrySetException(exception);

        internal override async Task WriteAloneAsync(CancellationToken cancellationToken)
        {
            try
            {
                Result.TrySetResult(await operation.AloneAsync(request, cancellationToken));
            }
            catch (Exception exception)
            {
                Result.TrySetException(exception);
            }
        }
    }

    private Task<TResult> AloneAsync(TRequest request, CancellationToken cancellationToken) => alone(request, cancellationToken);
}
