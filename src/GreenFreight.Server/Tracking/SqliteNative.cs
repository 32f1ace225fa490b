using System.Runtime.InteropServices;

namespace GreenFreight.Server.Tracking;

/// <summary>
/// The few SQLite calls of the position store's per-row loops (the writer's inserts, the move's chunk read), imported straight from the e_sqlite3 library that
/// SQLitePCLRaw ships and has already loaded. SQLitePCLRaw's own calls go through its provider interface and marshal the
/// statement as a SafeHandle (a reference count taken and released on every call): with 13 binds, a step and a reset per
/// row, twice per position (inbox, then track_points), that overhead showed in the profile. The statement stays owned by
/// its SQLitePCLRaw handle; these take its raw pointer for the duration of a call made while that handle is alive.
/// Binding only copies values into the statement and never calls back or blocks, so it skips the GC transition.
/// </summary>
static class SqliteNative
{
    const string Lib = "e_sqlite3";

    [DllImport(Lib, EntryPoint = "sqlite3_bind_int64"), SuppressGCTransition]
    public static extern int BindInt64(IntPtr stmt, int index, long value);

    [DllImport(Lib, EntryPoint = "sqlite3_bind_int"), SuppressGCTransition]
    public static extern int BindInt(IntPtr stmt, int index, int value);

    [DllImport(Lib, EntryPoint = "sqlite3_bind_double"), SuppressGCTransition]
    public static extern int BindDouble(IntPtr stmt, int index, double value);

    [DllImport(Lib, EntryPoint = "sqlite3_bind_null"), SuppressGCTransition]
    public static extern int BindNull(IntPtr stmt, int index);

    [DllImport(Lib, EntryPoint = "sqlite3_column_int64"), SuppressGCTransition]
    public static extern long ColumnInt64(IntPtr stmt, int column);

    [DllImport(Lib, EntryPoint = "sqlite3_column_int"), SuppressGCTransition]
    public static extern int ColumnInt(IntPtr stmt, int column);

    [DllImport(Lib, EntryPoint = "sqlite3_column_double"), SuppressGCTransition]
    public static extern double ColumnDouble(IntPtr stmt, int column);

    [DllImport(Lib, EntryPoint = "sqlite3_column_type"), SuppressGCTransition]
    public static extern int ColumnType(IntPtr stmt, int column);

    public const int SqliteNull = 5;

    /// <summary>SQLite's busy callback: return non-zero to try again, zero to fail with SQLITE_BUSY.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int BusyHandler(IntPtr arg, int count);

    [DllImport(Lib, EntryPoint = "sqlite3_busy_handler")]
    static extern int SetBusyHandler(IntPtr db, BusyHandler? handler, IntPtr arg);

    /// <summary>
    /// Replaces the connection's busy handler (what <c>PRAGMA busy_timeout</c> installs) by one that retries about every
    /// millisecond until <see cref="BusyTimeout"/>. SQLite's own handler sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50,
    /// 100 ms between tries, so a write lock held for 30 ms by another connection (an EF write preempted on a saturated
    /// box) kept the position writer asleep for 53 ms, one held a little longer for 128 ms: the writer's worst stalls.
    /// The connection must only be used by one thread at a time (the handler's start time is per thread).
    /// </summary>
    public static void RetryBusyEveryMillisecond(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        var rc = SetBusyHandler(connection.Handle!.DangerousGetHandle(), s_retry, IntPtr.Zero);
        GC.KeepAlive(connection);
        Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    /// <summary>How long a busy connection keeps trying (as <c>busy_timeout=10000</c> did).</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    [ThreadStatic] static long t_busySince;

    /// <summary>One handler for every connection, held by a static field because native code calls it.</summary>
    static readonly BusyHandler s_retry = (_, count) =>
    {
        var now = Environment.TickCount64;
        if (count == 0) t_busySince = now;
        if (now - t_busySince >= (long)BusyTimeout.TotalMilliseconds) return 0;
        if (count < 4) Thread.Yield(); else Thread.Sleep(1);
        return 1;
    };

    /// <summary>Runs the statement (B-tree work, possibly page I/O): a normal transition, so the GC is never held up.</summary>
    [DllImport(Lib, EntryPoint = "sqlite3_step")]
    public static extern int Step(IntPtr stmt);

    [DllImport(Lib, EntryPoint = "sqlite3_reset")]
    public static extern int Reset(IntPtr stmt);
}

/// <summary>
/// Scheduling weight of the calling thread on Linux (its nice value): the position writer is the one thread every
/// acknowledgement waits for, so on a saturated machine it should get the CPU before the socket threads that feed it;
/// the move's chunk loader is background work and should yield to both.
/// </summary>
static class ThreadNice
{
    [DllImport("libc", EntryPoint = "gettid")]
    static extern int GetTid();

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    static extern int SetPriority(int which, int who, int prio);

    /// <summary>Sets the calling thread's nice value; false (with the errno) where not allowed or not Linux.</summary>
    public static bool TrySet(int nice, out int error)
    {
        error = 0;
        if (!OperatingSystem.IsLinux()) return false;
        if (SetPriority(0 /* PRIO_PROCESS: on Linux a thread id */, GetTid(), Math.Clamp(nice, -20, 19)) == 0) return true;
        error = Marshal.GetLastPInvokeError();
        return false;
    }
}
