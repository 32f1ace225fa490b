using System.Diagnostics;
using GreenFreight.Domain.Tracking;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GreenFreight.Server.Tracking;

/// <summary>SQL of the SQLite position inbox (see <see cref="SqlitePositionStore"/>).</summary>
public static class SqliteTrackInbox
{
    public const string Columns = "VehicleId, TimeMs, Latitude, Longitude, SpeedKmh, Direction, AltitudeM, Alarm, Status, MileageKm, Verdict, Source, ReceivedMs";

    public const string CreateSql = """
        CREATE TABLE track_inbox (
            VehicleId INTEGER NOT NULL, TimeMs INTEGER NOT NULL, Latitude REAL NOT NULL, Longitude REAL NOT NULL,
            SpeedKmh REAL NOT NULL, Direction INTEGER NOT NULL, AltitudeM INTEGER NOT NULL, Alarm INTEGER NOT NULL,
            Status INTEGER NOT NULL, MileageKm REAL NULL, Verdict INTEGER NOT NULL, Source INTEGER NOT NULL,
            ReceivedMs INTEGER NOT NULL);
        CREATE TABLE track_move (
            Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1),
            MaxRowId INTEGER NOT NULL,
            NextVehicle INTEGER NOT NULL);
        """;

    /// <summary>
    /// Every stored position: those already moved into <c>track_points</c> and those still in the inbox (an inbox row
    /// counts unless the move in progress has already copied it). Inbox rows get negative ids.
    /// </summary>
    public const string AllPointsSql = "SELECT Id, " + Columns + " FROM track_points UNION ALL " +
        "SELECT -i.rowid AS Id, i.VehicleId, i.TimeMs, i.Latitude, i.Longitude, i.SpeedKmh, i.Direction, i.AltitudeM, i.Alarm, i.Status, i.MileageKm, i.Verdict, i.Source, i.ReceivedMs " +
        "FROM track_inbox AS i WHERE NOT EXISTS (SELECT 1 FROM track_move AS m WHERE i.rowid <= m.MaxRowId AND i.VehicleId < m.NextVehicle)";
}

/// <summary>
/// SQLite, built for one writer taking tens of thousands of positions a second from thousands of vehicles.
/// <para>The acknowledgement path appends to <c>track_inbox</c>, a table without a secondary index, in one WAL
/// transaction per batch (a committed WAL transaction survives <c>kill -9</c>, which is what an acknowledgement
/// promises). Appending there costs a few microseconds a row, where inserting into the (VehicleId, TimeMs) index of
/// <c>track_points</c> directly dirties one random 4 KB page per row.</para>
/// <para>In the background, between batches and on the same connection, a chunk of the inbox (read on a second
/// connection and sorted by vehicle and time) is moved into <c>track_points</c> in short transactions, each ending
/// at a vehicle boundary and recording in <c>track_move</c> how far it got; then the moved rows leave the inbox. Rows
/// are never in neither table, and readers (<see cref="SqliteTrackInbox.AllPointsSql"/>) never see one twice; a crash
/// at any point resumes the move on the next start.</para>
/// <para>WAL checkpoints run on a third connection every 250 ms instead of inside whichever commit crosses the
/// threshold, so no acknowledgement waits for one.</para>
/// </summary>
public sealed class SqlitePositionStore(string connectionString, SqliteStoreOptions? options = null, ILogger? log = null) : IPositionStore
{
    readonly SqliteStoreOptions _o = options ?? new SqliteStoreOptions();
    SqliteConnection? _conn;
    RawInsert? _insertInbox, _insertPoint;
    SqliteCommand? _setMove;
    SqliteParameter? _moveMax, _moveNext;

    Thread? _checkpointer;
    readonly CancellationTokenSource _stop = new();

    long _inboxRows;                 // rows in the inbox not yet part of a move (estimate, exact after start)
    long _lastMoveStarted = Stopwatch.GetTimestamp();
    Task<Chunk>? _loading;
    Chunk? _chunk;
    int _pos;                        // next row of _chunk to move
    bool _markerWritten;
    long _deletedUpTo;               // delete phase: rowids <= this are gone
    double _moveRate, _deleteRate;   // rows per ms measured on previous move / delete steps (0: none yet)
    int _lastMoveRows, _lastDeleteRows;
    (long Max, long Next)? _resume;  // the move found unfinished at start

    public long MovedRows { get; private set; }

    /// <summary>Called after each background transaction (tests, diagnostics); runs on the writer.</summary>
    public Action<MaintenanceStep>? StepObserver { get; set; }
    public long InboxRows => Interlocked.Read(ref _inboxRows) + (_chunk is { } c ? c.Count - _pos : 0);

    /// <summary>The rows of one move: the first <see cref="Count"/> of <see cref="Rows"/> (a buffer reused from move to move).</summary>
    sealed class Chunk(long maxRowId, long minRowId, Row[] rows, int count)
    {
        public long MaxRowId { get; } = maxRowId;
        public long MinRowId { get; } = minRowId;
        public Row[] Rows { get; } = rows;
        public int Count { get; } = count;
    }

    /// <summary>
    /// An inbox row held for a move, inline: a move holds up to <see cref="SqliteStoreOptions.MaxChunkRows"/> of them for
    /// seconds, and as objects (one <see cref="TrackPoint"/> each) they were promoted through every GC generation; as an
    /// array of structs without references the collector never traces them, and the array is reused by the next move.
    /// </summary>
    struct Row
    {
        public long RowId, TimeMs, Alarm, Status, ReceivedMs;
        public double Latitude, Longitude, Mileage;
        public float SpeedKmh;
        public int VehicleId;
        public short Direction, AltitudeM;
        public bool HasMileage;
        public byte Verdict, Source;

        public static Row From(TrackPoint x) => new()
        {
            VehicleId = x.VehicleId, TimeMs = x.TimeMs, Latitude = x.Latitude, Longitude = x.Longitude, SpeedKmh = x.SpeedKmh,
            Direction = x.Direction, AltitudeM = x.AltitudeM, Alarm = x.Alarm, Status = x.Status,
            HasMileage = x.MileageKm.HasValue, Mileage = x.MileageKm ?? 0, Verdict = (byte)x.Verdict, Source = (byte)x.Source,
            ReceivedMs = x.ReceivedMs,
        };
    }

    /// <summary>Vehicle, then GNSS time, then arrival order: the order of <c>track_points</c>' index.</summary>
    sealed class RowOrder : IComparer<Row>
    {
        public static readonly RowOrder Instance = new();

        public int Compare(Row x, Row y)
        {
            var c = x.VehicleId.CompareTo(y.VehicleId);
            if (c != 0) return c;
            c = x.TimeMs.CompareTo(y.TimeMs);
            return c != 0 ? c : x.RowId.CompareTo(y.RowId);
        }
    }

    Row[] _buffer = [];              // rows of the current / last move; only the loader writes it, only while _chunk is null

    /// <summary>
    /// The insert of position rows into <c>track_inbox</c> or <c>track_points</c>: <see cref="Group"/> rows per statement
    /// (one multi-row VALUES), the rest one by one. Each statement run carries a fixed cost (virtual machine set-up and
    /// halt, and on <c>track_points</c> the AUTOINCREMENT bookkeeping, which reads and rewrites <c>sqlite_sequence</c>
    /// once per statement), which a group shares among its rows.
    /// </summary>
    sealed class RawInsert(SqliteConnection c, string table) : IDisposable
    {
        public const int Group = 32;
        const int Columns = 13;

        readonly Statement _one = new(c, Sql(table, 1));
        readonly Statement _many = new(c, Sql(table, Group));
        Row[] _converted = [];   // the last batch of positions as rows (reused)

        static string Sql(string table, int rows)
        {
            var sb = new System.Text.StringBuilder($"INSERT INTO {table} ({SqliteTrackInbox.Columns}) VALUES ");
            for (var r = 0; r < rows; r++)
            {
                if (r > 0) sb.Append(", ");
                sb.Append('(');
                for (var k = 1; k <= Columns; k++) sb.Append(k > 1 ? ", ?" : "?").Append(r * Columns + k);
                sb.Append(')');
            }
            return sb.ToString();
        }

        public void Insert(IReadOnlyList<TrackPoint> points)
        {
            if (_converted.Length < points.Count) _converted = new Row[Math.Max(points.Count, 2 * _converted.Length)];
            for (var i = 0; i < points.Count; i++) _converted[i] = Row.From(points[i]);
            Insert(_converted, 0, points.Count);
        }

        /// <summary>Inserts <paramref name="rows"/>[from..to).</summary>
        public void Insert(Row[] rows, int from, int to)
        {
            var i = from;
            for (; i + Group <= to; i += Group) _many.Insert(rows, i, Group);
            for (; i < to; i++) _one.Insert(rows, i, 1);
        }

        public void Dispose()
        {
            _one.Dispose();
            _many.Dispose();
        }

        sealed class Statement(SqliteConnection c, string sql) : RawStatement(c, sql)
        {
            public void Insert(Row[] rows, int from, int count)
            {
                var st = Pointer;
                for (var r = 0; r < count; r++)
                {
                    ref readonly var x = ref rows[from + r];
                    var b = r * Columns;
                    SqliteNative.BindInt64(st, b + 1, x.VehicleId);
                    SqliteNative.BindInt64(st, b + 2, x.TimeMs);
                    SqliteNative.BindDouble(st, b + 3, x.Latitude);
                    SqliteNative.BindDouble(st, b + 4, x.Longitude);
                    SqliteNative.BindDouble(st, b + 5, x.SpeedKmh);
                    SqliteNative.BindInt(st, b + 6, x.Direction);
                    SqliteNative.BindInt(st, b + 7, x.AltitudeM);
                    SqliteNative.BindInt64(st, b + 8, x.Alarm);
                    SqliteNative.BindInt64(st, b + 9, x.Status);
                    if (x.HasMileage) SqliteNative.BindDouble(st, b + 10, x.Mileage); else SqliteNative.BindNull(st, b + 10);
                    SqliteNative.BindInt(st, b + 11, x.Verdict);
                    SqliteNative.BindInt(st, b + 12, x.Source);
                    SqliteNative.BindInt64(st, b + 13, x.ReceivedMs);
                }
                Run();
            }
        }
    }

    /// <summary>
    /// A statement prepared on a connection's own handle, bound by index and run through <see cref="SqliteNative"/>: binding
    /// through SqliteParameter looks each name up in the statement and boxes each value, which cost as much as the insert.
    /// </summary>
    class RawStatement : IDisposable
    {
        readonly sqlite3 _db;
        readonly sqlite3_stmt _stmt;

        public RawStatement(SqliteConnection c, string sql)
        {
            _db = c.Handle!;
            var rc = raw.sqlite3_prepare_v2(_db, sql, out _stmt);
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        /// <summary>The statement's raw pointer, for the direct calls; valid while this object is (it owns the handle).</summary>
        protected IntPtr Pointer => _stmt.DangerousGetHandle();

        protected sqlite3_stmt Handle => _stmt;

        /// <summary>The next row (true) or the end (false); an error throws.</summary>
        public bool Step()
        {
            var rc = SqliteNative.Step(Pointer);
            GC.KeepAlive(this);
            if (rc == raw.SQLITE_ROW) return true;
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return false;
        }

        /// <summary>Runs a statement that returns no rows and resets it for the next bindings (which stay bound).</summary>
        protected void Run()
        {
            var rc = SqliteNative.Step(Pointer);
            SqliteNative.Reset(Pointer);
            GC.KeepAlive(this);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        }

        public void Dispose() => _stmt.Dispose();
    }

    SqliteConnection Open()
    {
        if (_conn is not null) return _conn;
        var conn = new SqliteConnection(connectionString);
        conn.Open();
        using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{_o.CacheMegabytes * 1024};" +
                                 (_o.BackgroundCheckpoints ? " PRAGMA wal_autocheckpoint=0;" : "");
            pragma.ExecuteNonQuery();
            SqliteNative.RetryBusyEveryMillisecond(conn);   // instead of busy_timeout's escalating sleeps
            long moveMax = 0;
            pragma.CommandText = "SELECT MaxRowId, NextVehicle FROM track_move WHERE Id = 1";
            using (var r = pragma.ExecuteReader())
            {
                if (r.Read())
                {
                    // A move was under way when the process stopped: finish it first.
                    var (max, next) = (r.GetInt64(0), r.GetInt64(1));
                    _resume = (max, next);
                    _loading = LoadOnOwnThread(max, next);
                    _markerWritten = true;
                    moveMax = max;
                }
            }
            pragma.CommandText = "SELECT count(*) FROM track_inbox WHERE rowid > $m";
            pragma.Parameters.AddWithValue("$m", moveMax);
            _inboxRows = (long)pragma.ExecuteScalar()!;
        }
        _insertInbox = new RawInsert(conn, "track_inbox");
        _insertPoint = new RawInsert(conn, "track_points");
        _setMove = conn.CreateCommand();
        _setMove.CommandText = "INSERT INTO track_move (Id, MaxRowId, NextVehicle) VALUES (1, $max, $next) ON CONFLICT (Id) DO UPDATE SET MaxRowId = excluded.MaxRowId, NextVehicle = excluded.NextVehicle";
        _moveMax = _setMove.Parameters.Add(new SqliteParameter { ParameterName = "$max" });
        _moveNext = _setMove.Parameters.Add(new SqliteParameter { ParameterName = "$next" });
        _setMove.Prepare();
        if (_o.BackgroundCheckpoints)
        {
            _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "sqlite-wal-checkpoint" };
            _checkpointer.Start();
        }
        return _conn = conn;
    }

    RawLiveUpsert? _upsertLive;

    /// <summary>
    /// One prepared single-row statement per vehicle, bound by index like the inserts (binding through SqliteParameter boxed
    /// eight values a row: 10,000 vehicles held the writer for 100–120 ms), in one transaction. The pipeline hands it slices.
    /// </summary>
    public Task UpsertLiveAsync(IReadOnlyList<VehicleLiveState> rows, CancellationToken ct)
    {
        var conn = Open();
        _upsertLive ??= new RawLiveUpsert(conn);
        using var tx = conn.BeginTransaction();
        for (var i = 0; i < rows.Count; i++) _upsertLive.Upsert(rows[i]);
        tx.Commit();
        return Task.CompletedTask;
    }

    /// <summary>The <c>vehicle_live</c> upsert of one vehicle.</summary>
    sealed class RawLiveUpsert(SqliteConnection c)
        : RawStatement(c, $"INSERT INTO vehicle_live ({VehicleLiveSql.Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" + VehicleLiveSql.OnConflict)
    {
        string? _instance;   // bindings survive sqlite3_reset: the instance name (the same on every row) is bound once

        public void Upsert(VehicleLiveState r)
        {
            var st = Pointer;
            SqliteNative.BindInt64(st, 1, r.VehicleId);
            SqliteNative.BindInt64(st, 2, r.LastSeenMs);
            if (r.FixTimeMs is { } fix) SqliteNative.BindInt64(st, 3, fix); else SqliteNative.BindNull(st, 3);
            if (r.Latitude is { } lat) SqliteNative.BindDouble(st, 4, lat); else SqliteNative.BindNull(st, 4);
            if (r.Longitude is { } lon) SqliteNative.BindDouble(st, 5, lon); else SqliteNative.BindNull(st, 5);
            if (r.SpeedKmh is { } speed) SqliteNative.BindDouble(st, 6, speed); else SqliteNative.BindNull(st, 6);
            if (r.Direction is { } dir) SqliteNative.BindInt(st, 7, dir); else SqliteNative.BindNull(st, 7);
            if (!ReferenceEquals(r.Instance, _instance))
            {
                raw.sqlite3_bind_text(Handle, 8, r.Instance);
                _instance = r.Instance;
            }
            Run();
        }
    }

    public Task AppendAsync(IReadOnlyList<TrackPoint> points, CancellationToken ct)
    {
        var conn = Open();
        using var tx = conn.BeginTransaction();
        _insertInbox!.Insert(points);
        tx.Commit();
        Interlocked.Add(ref _inboxRows, points.Count);
        return Task.CompletedTask;
    }

    /// <summary>True when a step of background work can run now on the writer connection.</summary>
    public bool MaintenanceDue
    {
        get
        {
            if (_conn is null) return false;
            if (_chunk is not null) return true;
            if (_loading is { IsCompleted: true }) return true;
            if (_loading is null && ShouldStartMove()) return true;
            return false;
        }
    }

    bool ShouldStartMove()
    {
        var n = Interlocked.Read(ref _inboxRows);
        return n >= _o.MoveThresholdRows || n > 0 && Stopwatch.GetElapsedTime(_lastMoveStarted) >= _o.MoveInterval;
    }

    /// <summary>How long until background work may be due when nothing arrives (null: nothing to do).</summary>
    public TimeSpan? MaintenanceDueIn => _conn is null ? null
        : _loading is not null ? TimeSpan.FromMilliseconds(20)
        : Interlocked.Read(ref _inboxRows) > 0 ? _o.MoveInterval - Stopwatch.GetElapsedTime(_lastMoveStarted) : null;

    /// <summary>One time-bounded step of moving inbox rows into <c>track_points</c>, sized as when no append waits.</summary>
    public Task MaintainAsync(CancellationToken ct) => MaintainAsync(false, ct);

    /// <summary>
    /// One time-bounded step of moving inbox rows into <c>track_points</c> (or removing moved rows from the inbox): as many
    /// rows as fit the budget (<see cref="MaintenanceStepSizer"/>) at the rate measured on the previous steps. Loading and
    /// sorting the chunk happen on another thread, outside the write transaction.
    /// </summary>
    public Task MaintainAsync(bool appendsWaiting, CancellationToken ct)
    {
        var conn = Open();
        if (_chunk is null)
        {
            if (_loading is null)
            {
                if (!ShouldStartMove()) return Task.CompletedTask;
                _lastMoveStarted = Stopwatch.GetTimestamp();
                _loading = LoadOnOwnThread(long.MaxValue, long.MinValue);
                return Task.CompletedTask;
            }
            if (!_loading.IsCompleted) return Task.CompletedTask;
            var loading = _loading;
            if (!loading.IsCompletedSuccessfully)
            {
                // Retry the same load: a resumed move must continue where it stopped, never start afresh.
                _loading = _resume is { } r ? LoadOnOwnThread(r.Max, r.Next) : null;
                loading.GetAwaiter().GetResult();
            }
            _loading = null;
            _resume = null;
            _chunk = loading.Result;
            _pos = 0;
            _deletedUpTo = _chunk.MinRowId - 1;
            if (_chunk.MaxRowId == 0 && _chunk.Count == 0 && !_markerWritten) { _chunk = null; return Task.CompletedTask; }
            if (!_markerWritten) Interlocked.Add(ref _inboxRows, -_chunk.Count);
        }
        var chunk = _chunk;
        var budget = MaintenanceStepSizer.Budget(_o, appendsWaiting, InboxRows);
        var started = Stopwatch.GetTimestamp();
        using var tx = conn.BeginTransaction();
        if (_pos < chunk.Count)
        {
            // Move the rows that fit the budget, ending where a vehicle ends so that "vehicles below NextVehicle are moved" holds.
            var rate = _moveRate;
            var limit = MaintenanceStepSizer.Rows(rate, budget, chunk.Count - _pos, _o.MinStepRows, _o.MoveStepRows, _lastMoveRows);
            var end = Math.Min(chunk.Count, _pos + limit);
            while (end < chunk.Count && chunk.Rows[end].VehicleId == chunk.Rows[end - 1].VehicleId) end++;
            _insertPoint!.Insert(chunk.Rows, _pos, end);
            _setMove!.Transaction = tx;
            _moveMax!.Value = chunk.MaxRowId;
            _moveNext!.Value = end < chunk.Count ? chunk.Rows[end].VehicleId : long.MaxValue;
            _setMove.ExecuteNonQuery();
            tx.Commit();
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var rows = end - _pos;
            _moveRate = MaintenanceStepSizer.Observe(_moveRate, rows, ms);
            _lastMoveRows = rows;
            _markerWritten = true;
            MovedRows += rows;
            _pos = end;
            StepObserver?.Invoke(new MaintenanceStep("move", rows, limit, rate, budget, appendsWaiting, ms));
            return Task.CompletedTask;
        }
        // Everything copied: remove the moved rows from the inbox (oldest first, by rowid range), then the marker.
        var deleteRate = _deleteRate;
        var deleteLimit = MaintenanceStepSizer.Rows(deleteRate, budget, chunk.MaxRowId - _deletedUpTo, _o.MinStepRows, _o.DeleteStepRows, _lastDeleteRows);
        var upTo = Math.Min(chunk.MaxRowId, _deletedUpTo + Math.Max(1, deleteLimit));
        using (var del = conn.CreateCommand())
        {
            del.Transaction = tx;
            del.CommandText = "DELETE FROM track_inbox WHERE rowid <= $upTo";
            del.Parameters.AddWithValue("$upTo", upTo);
            if (upTo >= chunk.MaxRowId) del.CommandText += "; DELETE FROM track_move";
            del.ExecuteNonQuery();
        }
        tx.Commit();
        var deleteMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var deleted = (int)(upTo - _deletedUpTo);
        _deleteRate = MaintenanceStepSizer.Observe(_deleteRate, deleted, deleteMs);
        _lastDeleteRows = deleted;
        StepObserver?.Invoke(new MaintenanceStep("delete", deleted, deleteLimit, deleteRate, budget, appendsWaiting, deleteMs));
        _deletedUpTo = upTo;
        if (upTo >= chunk.MaxRowId)
        {
            _chunk = null;
            _markerWritten = false;
        }
        return Task.CompletedTask;
    }

    /// <summary>A load blocks for up to a second: on a thread of its own, so it never holds one of the pool's few threads.</summary>
    Task<Chunk> LoadOnOwnThread(long maxRowId, long fromVehicle) =>
        Task.Factory.StartNew(() => LoadChunk(maxRowId, fromVehicle), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The chunk query: the inbox rows of a move with their rowid, columns read by index (see LoadChunk).</summary>
    sealed class ChunkRead(SqliteConnection c)
        : RawStatement(c, $"SELECT rowid, {SqliteTrackInbox.Columns} FROM track_inbox WHERE rowid <= ?1 AND VehicleId >= ?2")
    {
        /// <summary>Binds the bounds; returns the pointer for the column reads (valid while this object is).</summary>
        public IntPtr Bind(long maxRowId, long fromVehicle)
        {
            SqliteNative.BindInt64(Pointer, 1, maxRowId);
            SqliteNative.BindInt64(Pointer, 2, fromVehicle);
            return Pointer;
        }
    }

    /// <summary>Reads the inbox rows of a move on its own connection (a WAL reader does not block the writer) and sorts them.</summary>
    Chunk LoadChunk(long maxRowId, long fromVehicle)
    {
        ThreadNice.TrySet(5, out _);   // background work: behind the writer and the sockets (a thread of its own, see LoadOnOwnThread)
        using var c = new SqliteConnection(connectionString);
        c.Open();
        // One read transaction, so the bounds and the rows come from the same snapshot; disposing it ends the snapshot
        // before the connection goes back to the pool.
        using var tx = c.BeginTransaction(deferred: true);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT coalesce(min(rowid), 0), coalesce(max(rowid), 0) FROM track_inbox";
        long min, max;
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            (min, max) = (r.GetInt64(0), r.GetInt64(1));
        }
        if (maxRowId != long.MaxValue) max = maxRowId;                                  // resuming a move
        else max = Math.Min(max, min + _o.MaxChunkRows - 1);
        // Rowids only grow, so a move holds at most max - min + 1 rows (and a fresh one at most MaxChunkRows): size the
        // reused buffer once instead of growing a list.
        var capacity = min == 0 ? 0 : (int)Math.Clamp(max - min + 1, 0, _o.MaxChunkRows);
        if (_buffer.Length < capacity) _buffer = new Row[capacity];
        var rows = _buffer;
        var n = 0;
        // Read with the statement's columns taken directly (SqliteNative), in the same read transaction: through the data
        // reader, 14 column getters per row for up to 400,000 rows were a tenth of a core at 40,000 positions/s.
        using (var read = new ChunkRead(c))
        {
            var st = read.Bind(max, fromVehicle);
            while (read.Step())
            {
                if (n == rows.Length) Array.Resize(ref rows, Math.Max(16, rows.Length * 2));   // not expected (see above)
                ref var x = ref rows[n++];
                x.RowId = SqliteNative.ColumnInt64(st, 0); x.VehicleId = SqliteNative.ColumnInt(st, 1); x.TimeMs = SqliteNative.ColumnInt64(st, 2);
                x.Latitude = SqliteNative.ColumnDouble(st, 3); x.Longitude = SqliteNative.ColumnDouble(st, 4); x.SpeedKmh = (float)SqliteNative.ColumnDouble(st, 5);
                x.Direction = (short)SqliteNative.ColumnInt(st, 6); x.AltitudeM = (short)SqliteNative.ColumnInt(st, 7);
                x.Alarm = SqliteNative.ColumnInt64(st, 8); x.Status = SqliteNative.ColumnInt64(st, 9);
                x.HasMileage = SqliteNative.ColumnType(st, 10) != SqliteNative.SqliteNull; x.Mileage = x.HasMileage ? SqliteNative.ColumnDouble(st, 10) : 0;
                x.Verdict = (byte)SqliteNative.ColumnInt(st, 11); x.Source = (byte)SqliteNative.ColumnInt(st, 12); x.ReceivedMs = SqliteNative.ColumnInt64(st, 13);
            }
        }
        _buffer = rows;
        Array.Sort(rows, 0, n, RowOrder.Instance);
        return new Chunk(max, min, rows, n);
    }

    void CheckpointLoop()
    {
        try
        {
            using var c = new SqliteConnection(connectionString);
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA busy_timeout=10000;";
            cmd.ExecuteNonQuery();
            cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            while (!_stop.IsCancellationRequested)
            {
                _stop.Token.WaitHandle.WaitOne(_o.CheckpointInterval);
                try { cmd.ExecuteNonQuery(); }
                catch (SqliteException ex) { log?.LogWarning(ex, "WAL checkpoint failed; retrying"); }
            }
        }
        catch (Exception ex)
        {
            log?.LogError(ex, "The WAL checkpoint thread stopped; falling back to automatic checkpoints");
            try
            {
                using var c = new SqliteConnection(connectionString);
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                cmd.ExecuteNonQuery();
            }
            catch (SqliteException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _checkpointer?.Join(TimeSpan.FromSeconds(5));
        if (_loading is not null) { try { await _loading; } catch (Exception) { } }
        _insertInbox?.Dispose();
        _insertPoint?.Dispose();
        if (_setMove is not null) await _setMove.DisposeAsync();
        _upsertLive?.Dispose();
        if (_conn is not null)
        {
            using (var cp = _conn.CreateCommand())
            {
                cp.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                try { cp.ExecuteNonQuery(); } catch (SqliteException) { }
            }
            await _conn.DisposeAsync();
        }
        _stop.Dispose();
    }
}

/// <summary>Tuning of <see cref="SqlitePositionStore"/> (configuration section <c>Tracking:Sqlite</c>).</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Inbox rows that start a move into track_points.</summary>
    public int MoveThresholdRows { get; set; } = 200_000;
    /// <summary>A non-empty inbox is moved at least this often.</summary>
    public TimeSpan MoveInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Most rows one move takes.</summary>
    public int MaxChunkRows { get; set; } = 400_000;
    /// <summary>Most rows one move transaction writes (below this, the time budget decides; a move finishes the vehicle it is in).</summary>
    public int MoveStepRows { get; set; } = 50_000;
    /// <summary>Most inbox rows one delete transaction removes (below this, the time budget decides).</summary>
    public int DeleteStepRows { get; set; } = 50_000;
    /// <summary>Fewest rows a background transaction writes (and the size of the first, before any rate is measured).</summary>
    public int MinStepRows { get; set; } = 256;
    /// <summary>Time budget of a background transaction while acknowledged batches wait behind it.</summary>
    public TimeSpan StepBudget { get; set; } = TimeSpan.FromMilliseconds(8);
    /// <summary>Time budget of a background transaction when no batch waits (the mover catches up).</summary>
    public TimeSpan IdleStepBudget { get; set; } = TimeSpan.FromMilliseconds(25);
    /// <summary>Backstop: from this many rows waiting in the inbox, every background transaction gets <see cref="BackstopStepBudget"/>.</summary>
    public long BackstopInboxRows { get; set; } = 1_000_000;
    public TimeSpan BackstopStepBudget { get; set; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Page cache of the writer connection: the (VehicleId, TimeMs) index the moves write into outgrows 64 MB within minutes at 50,000 positions/s.</summary>
    public int CacheMegabytes { get; set; } = 256;
    public bool BackgroundCheckpoints { get; set; } = true;
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
