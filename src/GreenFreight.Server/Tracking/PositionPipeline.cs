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

    /// <summary>
    /// Live-state rows upserted in one transaction (<c>Tracking:LiveSliceRows</c>, default 1,000): a flush of 10,000
    /// vehicles goes in slices with the waiting position batches between them, so no acknowledgement waits for all of it.
    /// </summary>
    public int LiveSliceRows { get; } = Math.Max(1, config.GetValue("Tracking:LiveSliceRows", 1_000));

    /// <summary>A live-state flush being written slice by slice.</summary>
    sealed class LiveWork(Pending p)
    {
        public readonly Pending Pending = p;
        public readonly VehicleLiveState[] Rows = p.Live!.ToArray();
        public int Done;
    }

    readonly Queue<LiveWork> _live = new();   // the writer's alone

    /// <summary>Positions to append, or (Live set) live vehicle state to upsert on the writer's connection.</summary>
    sealed record Pending(IReadOnlyList<TrackPoint> Points, TaskCompletionSource Done, IReadOnlyList<VehicleLiveState>? Live = null);

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

    /// <summary>
    /// Upserts live vehicle state through the writer, between position batches (see <see cref="IPositionStore.UpsertLiveAsync"/>);
    /// the task completes when it is committed.
    /// </summary>
    public async Task WriteLiveAsync(IReadOnlyList<VehicleLiveState> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending([], done, rows), ct);
        await done.Task;
    }

    /// <summary>
    /// The writer runs on a thread of its own, not on the thread pool: SQLite calls block, and on a 2-core machine the pool
    /// starts with two threads, so a writer (and a chunk load) holding pool threads would starve the socket I/O that
    /// acknowledgements need until the pool injects more, about once a second.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                RunWriter(stoppingToken);
                finished.TrySetResult();
            }
            catch (Exception ex)
            {
                log.LogCritical(ex, "The position writer stopped");
                finished.TrySetException(ex);
            }
        }) { IsBackground = true, Name = "position-writer" };
        thread.Start();
        return finished.Task;
    }

    void RunWriter(CancellationToken stoppingToken)
    {
        // Tracking:WriterNice (default -5, i.e. about three times the CPU share of a normal thread when the machine is
        // saturated): lowering it needs CAP_SYS_NICE (root, or a raised RLIMIT_NICE); without, the writer runs at 0.
        var nice = config.GetValue("Tracking:WriterNice", -5);
        if (nice != 0 && !ThreadNice.TrySet(nice, out var errno) && OperatingSystem.IsLinux())
            log.LogInformation("Position writer keeps the default priority (nice {Nice} not allowed, errno {Errno})", nice, errno);
        var sqliteOptions = config.GetSection("Tracking:Sqlite").Get<SqliteStoreOptions>() ?? new SqliteStoreOptions();
        var store = PositionStoreFactory.Create(dbFactory, sqliteOptions, log);
        var batch = new List<Pending>();
        var rows = new List<TrackPoint>(MaxBatch);
        var reader = _queue.Reader;
        Task<bool>? waiting = null;
        try
        {
            Maintain(store, false, stoppingToken);   // opens the store; resumes work a previous run left unfinished
            while (!stoppingToken.IsCancellationRequested)
            {
                if (reader.TryPeek(out _))
                {
                    StoreBatch(store, batch, rows, reader);
                    // Background work interleaves with batches, one short step after each (a live-state slice, a time-bounded
                    // move step), so it cannot starve acknowledgements; the loop then takes the next waiting batch first.
                    if (_live.Count > 0) UpsertLiveSlice(store);
                    if (store.MaintenanceDue) Maintain(store, reader.TryPeek(out _), stoppingToken);
                    continue;
                }
                if (_live.Count > 0)
                {
                    UpsertLiveSlice(store);
                    continue;
                }
                if (store.MaintenanceDue)
                {
                    Maintain(store, false, stoppingToken);
                    continue;
                }
                waiting ??= reader.WaitToReadAsync(stoppingToken).AsTask();
                var timeout = store.MaintenanceDueIn is { } due ? (due < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : due) : Timeout.InfiniteTimeSpan;
                try
                {
                    if (!waiting.Wait(timeout)) continue;
                }
                catch (AggregateException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                var more = waiting.Result;
                waiting = null;
                if (!more) break;
            }
        }
        finally
        {
            // Whatever is still queued at shutdown is not stored and so never acknowledged; later callers get an error at once.
            _queue.Writer.TryComplete();
            while (_live.TryDequeue(out var unfinished)) unfinished.Pending.Done.TrySetCanceled();
            while (reader.TryRead(out var left)) left.Done.TrySetCanceled();
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    void StoreBatch(IPositionStore store, List<Pending> batch, List<TrackPoint> rows, ChannelReader<Pending> reader)
    {
        batch.Clear();
        rows.Clear();
        while (rows.Count < MaxBatch && reader.TryRead(out var p))
        {
            if (p.Live is not null)
            {
                _live.Enqueue(new LiveWork(p));   // written in slices after the batches (UpsertLiveSlice)
                continue;
            }
            batch.Add(p);
            rows.AddRange(p.Points);
        }
        if (rows.Count > 0) Append(store, batch, rows);
    }

    /// <summary>Upserts the next slice of the oldest live-state flush; completes the flush's task after its last slice.</summary>
    void UpsertLiveSlice(IPositionStore store)
    {
        var work = _live.Peek();
        var n = Math.Min(LiveSliceRows, work.Rows.Length - work.Done);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            if (n > 0) store.UpsertLiveAsync(new ArraySegment<VehicleLiveState>(work.Rows, work.Done, n), CancellationToken.None).GetAwaiter().GetResult();
            WarnIfSlow("live-state upsert", n, started);
            work.Done += n;
            if (work.Done < work.Rows.Length) return;
            _live.Dequeue();
            work.Pending.Done.TrySetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The slices written stay written (each row only moves forward in time); the caller retries the whole flush.
            _live.Dequeue();
            work.Pending.Done.TrySetException(ex);
        }
    }

    void Append(IPositionStore store, List<Pending> batch, List<TrackPoint> rows)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            store.AppendAsync(rows, CancellationToken.None).GetAwaiter().GetResult();
            WarnIfSlow("append", rows.Count, started);
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

    /// <summary>A writer call long enough to show in the ack p99 is logged (diagnosing tail latency on a real machine).</summary>
    void WarnIfSlow(string what, int rows, long started)
    {
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (elapsed >= SlowWriterCall)
            log.LogWarning("Position writer: {What} ({Rows} rows) held the writer for {Ms:F0} ms", what, rows, elapsed.TotalMilliseconds);
    }

    static readonly TimeSpan SlowWriterCall = TimeSpan.FromMilliseconds(100);

    void Maintain(IPositionStore store, bool appendsWaiting, CancellationToken ct)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            store.MaintainAsync(appendsWaiting, ct).GetAwaiter().GetResult();
            WarnIfSlow("background step", 0, started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Acknowledged rows are safe in the inbox; the move is retried on the next step.
            log.LogError(ex, "Background reorganisation of stored positions failed; retrying");
            ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
        }
    }
}
