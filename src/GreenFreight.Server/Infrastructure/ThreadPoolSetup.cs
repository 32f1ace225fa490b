namespace GreenFreight.Server.Infrastructure;

/// <summary>
/// Raises the thread pool's minimum of worker threads (configuration <c>Hosting:MinWorkerThreads</c>, default 64).
/// <para>Microsoft.Data.Sqlite runs its "async" methods synchronously, and when SQLite's one write lock is taken it
/// retries by sleeping on the calling thread. The pool starts with one worker per core (two here) and adds about one a
/// second when they are all blocked, so a single EF write waiting for the lock (a tracking event, a terminal command
/// round) stalled the gateway's socket work and with it every acknowledgement for up to a second (measured: 20,000
/// positions/s, ack p99 0.9–1.0 s with the default, 40 ms with 32 workers). Blocked threads cost only their stack, and
/// idle ones above the minimum are not created until needed.</para>
/// </summary>
public static class ThreadPoolSetup
{
    public const int DefaultMinWorkerThreads = 64;

    /// <summary>Raises (never lowers) the minimum worker and I/O completion threads; returns the minimum worker threads now in force.</summary>
    public static int Apply(IConfiguration config)
    {
        var wanted = config.GetValue("Hosting:MinWorkerThreads", DefaultMinWorkerThreads);
        if (wanted < 1) throw new InvalidOperationException($"Hosting:MinWorkerThreads must be at least 1 (was {wanted}).");
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (wanted > workers) ThreadPool.SetMinThreads(wanted, Math.Max(io, wanted));
        ThreadPool.GetMinThreads(out workers, out _);
        return workers;
    }
}
