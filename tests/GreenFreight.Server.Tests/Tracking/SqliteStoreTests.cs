using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Tracking;
using Microsoft.Data.Sqlite;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>
/// The SQLite position store: acknowledged rows land in the inbox, background steps move them into track_points
/// sorted by vehicle and time, readers see every row exactly once at every moment, and an interrupted move resumes.
/// </summary>
public sealed class SqliteStoreTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("gf-store-").FullName;
    string Cs => $"Data Source={Path.Combine(_dir, "t.db")}";   // pooled, as in the server

    SqliteStoreTests Create()
    {
        using var c = new SqliteConnection(Cs);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE track_points (Id INTEGER PRIMARY KEY AUTOINCREMENT, " +
                          "VehicleId INTEGER NOT NULL, TimeMs INTEGER NOT NULL, Latitude REAL NOT NULL, Longitude REAL NOT NULL, SpeedKmh REAL NOT NULL, " +
                          "Direction INTEGER NOT NULL, AltitudeM INTEGER NOT NULL, Alarm INTEGER NOT NULL, Status INTEGER NOT NULL, MileageKm REAL NULL, " +
                          "Verdict INTEGER NOT NULL, Source INTEGER NOT NULL, ReceivedMs INTEGER NOT NULL); " +
                          "CREATE INDEX IX_track_points_VehicleId_TimeMs ON track_points (VehicleId, TimeMs); " + SqliteTrackInbox.CreateSql;
        cmd.ExecuteNonQuery();
        return this;
    }

    static SqliteStoreOptions Small => new()
    {
        MoveThresholdRows = 50, MoveInterval = TimeSpan.FromMilliseconds(300), MoveStepRows = 7, DeleteStepRows = 13, MinStepRows = 7, BackgroundCheckpoints = false,
    };

    /// <summary>Positions of many vehicles arriving interleaved in time, as from a fleet.</summary>
    static List<TrackPoint> Fleet(int vehicles, int perVehicle, int seed)
    {
        var rng = new Random(seed);
        var t0 = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        var list = new List<TrackPoint>();
        for (var k = 0; k < perVehicle; k++)
        for (var v = 1; v <= vehicles; v++)
            list.Add(new TrackPoint
            {
                VehicleId = v, TimeMs = t0 + k * 10_000L + rng.Next(0, 5_000), Latitude = 36.8 + rng.NextDouble() * 0.05,
                Longitude = 118.3 + rng.NextDouble() * 0.05, SpeedKmh = rng.Next(0, 60), Direction = (short)rng.Next(0, 360),
                Verdict = PositionVerdict.Valid, Source = PositionSource.Jt808, ReceivedMs = t0 + k * 10_000L + 6_000,
            });
        return list;
    }

    List<(int V, long T, double Lat)> Visible()
    {
        using var c = new SqliteConnection(Cs);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT VehicleId, TimeMs, Latitude FROM ({SqliteTrackInbox.AllPointsSql}) ORDER BY VehicleId, TimeMs";
        using var r = cmd.ExecuteReader();
        var list = new List<(int, long, double)>();
        while (r.Read()) list.Add((r.GetInt32(0), r.GetInt64(1), r.GetDouble(2)));
        return list;
    }

    long Scalar(string sql)
    {
        using var c = new SqliteConnection(Cs);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    static async Task DrainAsync(SqlitePositionStore store, Action? afterEachStep = null)
    {
        for (var i = 0; i < 10_000; i++)
        {
            if (!store.MaintenanceDue)
            {
                await Task.Delay(5);
                if (!store.MaintenanceDue && store.InboxRows == 0) return;
                continue;
            }
            await store.MaintainAsync(CancellationToken.None);
            afterEachStep?.Invoke();
        }
        Assert.Fail("the move did not finish");
    }

    [Fact]
    public async Task An_append_waiting_for_another_connections_write_lock_goes_through_once_it_is_released()
    {
        Create();
        await using var store = new SqlitePositionStore(Cs, Small);
        await store.AppendAsync(Fleet(2, 1, 1), CancellationToken.None);   // opens the writer connection

        // Another connection (as an EF write elsewhere in the server) holds the write lock for half a second.
        using var other = new SqliteConnection(Cs);
        other.Open();
        using var tx = other.BeginTransaction(deferred: false);
        using (var cmd = other.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO track_move (Id, MaxRowId, NextVehicle) VALUES (1, 0, 0)";
            cmd.ExecuteNonQuery();
        }
        var released = new TaskCompletionSource<long>();
        var holder = Task.Run(async () =>
        {
            await Task.Delay(500);
            tx.Rollback();
            released.SetResult(System.Diagnostics.Stopwatch.GetTimestamp());
        });
        var append = Task.Run(() => store.AppendAsync(Fleet(3, 2, 2), CancellationToken.None));
        await append;   // the busy handler retried instead of failing with SQLITE_BUSY
        var done = System.Diagnostics.Stopwatch.GetTimestamp();
        await holder;
        Assert.True(done >= await released.Task, "the append cannot commit while the other connection holds the lock");
        Assert.Equal(2 + 6, Scalar("SELECT count(*) FROM track_inbox"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM track_move"));
    }

    /// <summary>
    /// Rows go in 32 to a statement and the rest one by one (<c>RawInsert</c>): 120 rows appended at once are three groups
    /// and 24 singles; move steps of 7 rows are all singles, steps of 100 mostly groups.
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(100)]
    public async Task Every_column_survives_the_move_and_a_smaller_second_move_writes_none_of_the_first_moves_rows_again(int stepRows)
    {
        Create();
        var rng = new Random(11);
        TrackPoint Point(int v, long t) => new()
        {
            VehicleId = v, TimeMs = t, Latitude = 36.8 + rng.NextDouble() * 0.05, Longitude = 118.3 + rng.NextDouble() * 0.05,
            SpeedKmh = (float)Math.Round(rng.NextDouble() * 90, 1), Direction = (short)rng.Next(0, 360), AltitudeM = (short)rng.Next(-20, 300),
            Alarm = rng.NextInt64(0, 1L << 32), Status = rng.NextInt64(0, 1L << 32), MileageKm = rng.Next(3) == 0 ? null : rng.Next(0, 100_000) / 10.0,
            Verdict = (PositionVerdict)rng.Next(0, 3), Source = rng.Next(2) == 0 ? PositionSource.Jt808 : PositionSource.Api,
            ReceivedMs = t + rng.Next(0, 60_000),
        };
        var first = Enumerable.Range(0, 120).Select(i => Point(1 + i % 17, 1_764_000_000_000 + i * 1_000L)).ToList();
        var second = Enumerable.Range(0, 40).Select(i => Point(1 + i % 5, 1_765_000_000_000 + i * 1_000L)).ToList();
        var o = Small;
        o.MoveThresholdRows = 1;
        o.MinStepRows = o.MoveStepRows = stepRows;
        await using (var store = new SqlitePositionStore(Cs, o))
        {
            await store.AppendAsync(first, CancellationToken.None);
            await DrainAsync(store);
            Assert.Equal(120, store.MovedRows);
            await store.AppendAsync(second, CancellationToken.None);
            await DrainAsync(store);
            Assert.Equal(160, store.MovedRows);
        }
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM track_inbox"));
        using var c = new SqliteConnection(Cs);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT VehicleId, TimeMs, Latitude, Longitude, SpeedKmh, Direction, AltitudeM, Alarm, Status, MileageKm, Verdict, Source, ReceivedMs FROM track_points";
        var stored = new List<string>();
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                stored.Add(string.Join('|', r.GetInt32(0), r.GetInt64(1), r.GetDouble(2).ToString("R"), r.GetDouble(3).ToString("R"), r.GetFloat(4).ToString("R"),
                    r.GetInt16(5), r.GetInt16(6), r.GetInt64(7), r.GetInt64(8), r.IsDBNull(9) ? "null" : r.GetDouble(9).ToString("R"), r.GetByte(10), r.GetByte(11), r.GetInt64(12)));
        var expected = first.Concat(second).Select(p => string.Join('|', p.VehicleId, p.TimeMs, p.Latitude.ToString("R"), p.Longitude.ToString("R"), p.SpeedKmh.ToString("R"),
            p.Direction, p.AltitudeM, p.Alarm, p.Status, p.MileageKm is { } m ? m.ToString("R") : "null", (byte)p.Verdict, (byte)p.Source, p.ReceivedMs)).ToList();
        Assert.Equal(expected.Order(), stored.Order());
        // A multi-row statement keeps the sorted order: ids ascend with time within each vehicle.
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM track_points a JOIN track_points b ON a.VehicleId = b.VehicleId AND a.Id < b.Id AND a.TimeMs > b.TimeMs"));
    }

    [Fact]
    public async Task Moves_the_inbox_into_track_points_sorted_and_readers_see_each_row_once_throughout()
    {
        Create();
        var points = Fleet(vehicles: 23, perVehicle: 9, seed: 7);
        var expected = points.Select(p => (p.VehicleId, p.TimeMs, p.Latitude)).OrderBy(x => x.VehicleId).ThenBy(x => x.TimeMs).ToList();
        await using (var store = new SqlitePositionStore(Cs, Small))
        {
            // Acknowledged batches of 30 arrive; between them the store moves in small steps.
            var steps = 0;
            for (var i = 0; i < points.Count; i += 30)
            {
                await store.AppendAsync(points.Skip(i).Take(30).ToList(), CancellationToken.None);
                var arrived = expected.Count(e => points.Take(i + 30).Any(p => p.VehicleId == e.VehicleId && p.TimeMs == e.TimeMs));
                for (var k = 0; k < 3 && store.MaintenanceDue; k++)
                {
                    await store.MaintainAsync(CancellationToken.None);
                    steps++;
                    Assert.Equal(arrived, Visible().Count);
                }
            }
            await DrainAsync(store, () => { steps++; Assert.Equal(expected, Visible()); });
            Assert.True(steps > 20, $"{steps} steps");
        }
        Assert.Equal(expected, Visible());
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM track_inbox"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM track_move"));
        Assert.Equal(points.Count, Scalar("SELECT COUNT(*) FROM track_points"));
        // Each vehicle's rows of one move went in together, in time order (ids ascend with time within a vehicle and move).
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM track_points a JOIN track_points b ON a.VehicleId = b.VehicleId AND a.Id < b.Id AND a.TimeMs > b.TimeMs"));
    }

    [Fact]
    public async Task An_interrupted_move_resumes_on_the_next_start_without_duplicates_or_loss()
    {
        Create();
        var points = Fleet(vehicles: 17, perVehicle: 8, seed: 11);
        var expected = points.Select(p => (p.VehicleId, p.TimeMs, p.Latitude)).OrderBy(x => x.VehicleId).ThenBy(x => x.TimeMs).ToList();
        var store = new SqlitePositionStore(Cs, Small);
        await store.AppendAsync(points, CancellationToken.None);
        // Start a move and run a few of its steps, then abandon the store as a crash would (no disposal of its work).
        var moved = 0;
        while (moved < 3)
        {
            Assert.True(store.MaintenanceDue || store.InboxRows > 0);
            if (store.MaintenanceDue) { await store.MaintainAsync(CancellationToken.None); if (store.MovedRows > 0) moved++; }
            else await Task.Delay(5);
        }
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM track_move"));
        var partly = Scalar("SELECT COUNT(*) FROM track_points");
        Assert.InRange(partly, 1, points.Count - 1);
        Assert.Equal(expected, Visible());
        SqliteConnection.ClearAllPools();

        await using var again = new SqlitePositionStore(Cs, Small);
        await again.AppendAsync([], CancellationToken.None);   // opens, finds the marker
        await DrainAsync(again, () => Assert.Equal(expected, Visible()));
        Assert.Equal(expected, Visible());
        Assert.Equal(points.Count, Scalar("SELECT COUNT(*) FROM track_points"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM track_inbox"));
        await store.DisposeAsync();
    }

    [Fact]
    public async Task With_a_large_backlog_appends_interleave_with_move_steps_each_sized_by_the_time_budget()
    {
        Create();
        var fleet = Fleet(vehicles: 400, perVehicle: 103, seed: 23);
        var backlog = fleet.Take(40_000).ToList();    // 40,000 rows waiting in the inbox
        var arriving = fleet.Skip(40_000).ToList();   // then acknowledged batches keep arriving
        var o = new SqliteStoreOptions
        {
            MoveThresholdRows = 1_000, MoveInterval = TimeSpan.FromMilliseconds(50), MoveStepRows = 50_000, DeleteStepRows = 50_000,
            MinStepRows = 64, StepBudget = TimeSpan.FromMilliseconds(2), IdleStepBudget = TimeSpan.FromMilliseconds(4),
            BackstopInboxRows = 10_000_000, BackgroundCheckpoints = false,
        };
        var steps = new List<MaintenanceStep>();
        var stepsBetweenAppends = new List<int>();
        await using (var store = new SqlitePositionStore(Cs, o) { StepObserver = steps.Add })
        {
            await store.AppendAsync(backlog, CancellationToken.None);
            var next = 0;
            for (var i = 0; i < 20_000 && (next < arriving.Count || store.MaintenanceDue || store.InboxRows > 0); i++)
            {
                // An acknowledged batch is waiting: it goes first, then one background step sized for a waiting batch.
                var before = steps.Count;
                if (next < arriving.Count)
                {
                    await store.AppendAsync(arriving.Skip(next).Take(40).ToList(), CancellationToken.None);
                    next += 40;
                }
                if (store.MaintenanceDue) await store.MaintainAsync(appendsWaiting: next < arriving.Count, CancellationToken.None);
                else await Task.Delay(2);
                stepsBetweenAppends.Add(steps.Count - before);
            }
            Assert.Equal(arriving.Count, next);
        }
        var moves = steps.Where(s => s.Kind == "move").ToList();
        Assert.True(moves.Count >= 4, $"{moves.Count} move steps");
        // Never more than one background transaction between two appends.
        Assert.All(stepsBetweenAppends, n => Assert.InRange(n, 0, 1));
        foreach (var s in steps)
        {
            // The cap is what the sizer computes from the measured rate and the budget of that moment.
            var expectedBudget = s.AppendsWaiting ? o.StepBudget : o.IdleStepBudget;
            Assert.Equal(expectedBudget, s.Budget);
            var cap = s.RowsPerMs > 0 ? Math.Max(o.MinStepRows, (int)Math.Min(s.RowsPerMs * s.Budget.TotalMilliseconds, 50_000)) : o.MinStepRows;
            Assert.True(s.Limit <= cap, $"{s.Kind} limit {s.Limit} > cap {cap}");
            // A move may pass its limit only to finish the vehicle it is in (at most 103 rows a vehicle here).
            Assert.True(s.Rows <= s.Limit + (s.Kind == "move" ? 103 : 0), $"{s.Kind} wrote {s.Rows} rows, limit {s.Limit}");
        }
        // The first step of each kind has no rate yet and writes the minimum; steps never more than double.
        Assert.Equal(o.MinStepRows, moves[0].Limit);
        for (var k = 1; k < moves.Count; k++) Assert.True(moves[k].Limit <= Math.Max(o.MinStepRows, 2 * moves[k - 1].Rows));
        Assert.Equal(backlog.Count + arriving.Count, Scalar("SELECT COUNT(*) FROM track_points"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM track_inbox"));
        var expected = backlog.Concat(arriving).Select(p => (p.VehicleId, p.TimeMs, p.Latitude)).OrderBy(x => x.VehicleId).ThenBy(x => x.TimeMs).ToList();
        Assert.Equal(expected, Visible());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
