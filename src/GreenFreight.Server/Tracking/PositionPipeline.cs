using System.Threading.Channels;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

/// <summary>
/// The write side of tracking: callers submit validated positions and await their durable storage; one writer drains
/// the queue in batches (group commit), so thousands of connections share few transactions. A caller acknowledges
/// (JT/T 808 0x8001, HTTP 200) only after its task completed: an acknowledged position is committed.
/// </summary>
public sealed class PositionPipeline(IDbContextFactory<AppDbContext> dbFactory, IConfiguration config, ILogger<PositionPipeline> log) : BackgroundService
{
    public const int MaxBatch = 20_000;

    sealed record Pending(IReadOnlyList<TrackPoint> Points, TaskCompletionSource Done);

    readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(50_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    long _stored, _batches;

    public long Stored => Interlocked.Read(ref _stored);
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Queues positions; the task completes when they are committed (or faults if the write failed).</summary>
    public async Task StoreAsync(IReadOnlyList<TrackPoint> points, CancellationToken ct = default)
    {
        if (points.Count == 0) return;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending(points, done), ct);
        // The writer completes, faults or cancels every queued item, so no per-call WaitAsync is needed.
        await done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sqliteOptions = config.GetSection("Tracking:Sqlite").Get<SqliteStoreOptions>() ?? new SqliteStoreOptions();
        await using var store = PositionStoreFactory.Create(dbFactory, sqliteOptions, log);
        var batch = new List<Pending>();
        var rows = new List<TrackPoint>(MaxBatch);
        var reader = _queue.Reader;
        Task<bool>? waiting = null;
        try
        {
            await MaintainAsync(store, stoppingToken);   // opens the store; resumes work a previous run left unfinished
            while (true)
            {
                if (reader.TryPeek(out _))
                {
                    await StoreBatchAsync(store, batch, rows, reader);
                    // Background work interleaves with batches, one short step after each, so it cannot starve acknowledgements.
                    if (store.MaintenanceDue) await MaintainAsync(store, stoppingToken);
                    continue;
                }
                if (store.MaintenanceDue)
                {
                    await MaintainAsync(store, stoppingToken);
                    continue;
                }
                waiting ??= reader.WaitToReadAsync(stoppingToken).AsTask();
                if (!waiting.IsCompleted && store.MaintenanceDueIn is { } due)
                    await Task.WhenAny(waiting, Task.Delay(due < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : due, stoppingToken));
                else
                    await waiting;
                if (!waiting.IsCompleted) continue;
                var more = await waiting;
                waiting = null;
                if (!more) break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Whatever is still queued at shutdown is not stored and so never acknowledged.
        while (reader.TryRead(out var left)) left.Done.TrySetCanceled();
    }

    async Task StoreBatchAsync(IPositionStore store, List<Pending> batch, List<TrackPoint> rows, ChannelReader<Pending> reader)
    {
        batch.Clear();
        rows.Clear();
        while (rows.Count < MaxBatch && reader.TryRead(out var p))
        {
            batch.Add(p);
            rows.AddRange(p.Points);
        }
        try
        {
            await store.AppendAsync(rows, CancellationToken.None);
            Interlocked.Add(ref _stored, rows.Count);
            Interlocked.Increment(ref _batches);
            foreach (var p in batch) p.Done.TrySetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Storing {Count} positions failed; they are not acknowledged", rows.Count);
            foreach (var p in batch) p.Done.TrySetException(ex);
        }
    }

    async Task MaintainAsync(IPositionStore store, CancellationToken ct)
    {
        try
        {
            await store.MaintainAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Acknowledged rows are safe in the inbox; the move is retried on the next step.
            log.LogError(ex, "Background reorganisation of stored positions failed; retrying");
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
