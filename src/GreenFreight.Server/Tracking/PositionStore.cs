using System.Data.Common;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GreenFreight.Server.Tracking;

/// <summary>Appends positions in batches, durably: when <see cref="AppendAsync"/> returns, the rows are committed.</summary>
public interface IPositionStore : IAsyncDisposable
{
    Task AppendAsync(IReadOnlyList<TrackPoint> points, CancellationToken ct);

    /// <summary>True when a step of background work (reorganising stored rows) should run now on the writer.</summary>
    bool MaintenanceDue => false;

    /// <summary>When idle, how long until background work may be due (null: none pending).</summary>
    TimeSpan? MaintenanceDueIn => null;

    /// <summary>Runs one short step of background work between batches.</summary>
    Task MaintainAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Runs one short step of background work; <paramref name="appendsWaiting"/> says acknowledgements are queued behind
    /// it, so the step should stay within its short time budget.
    /// </summary>
    Task MaintainAsync(bool appendsWaiting, CancellationToken ct) => MaintainAsync(ct);

    /// <summary>
    /// Upserts the shared live state of vehicles (<c>vehicle_live</c>) on the writer's own connection, between batches: on
    /// SQLite a second writer would make the next batch (and so every acknowledgement) wait for the file lock. A row only
    /// ever moves forward in time.
    /// </summary>
    Task UpsertLiveAsync(IReadOnlyList<VehicleLiveState> rows, CancellationToken ct);
}

/// <summary>The upsert of <c>vehicle_live</c> (newer wins) for both providers.</summary>
static class VehicleLiveSql
{
    public const string Columns = "\"VehicleId\", \"LastSeenMs\", \"FixTimeMs\", \"Latitude\", \"Longitude\", \"SpeedKmh\", \"Direction\", \"Instance\"";

    public const string OnConflict = " ON CONFLICT (\"VehicleId\") DO UPDATE SET \"LastSeenMs\" = excluded.\"LastSeenMs\", \"FixTimeMs\" = excluded.\"FixTimeMs\", " +
        "\"Latitude\" = excluded.\"Latitude\", \"Longitude\" = excluded.\"Longitude\", \"SpeedKmh\" = excluded.\"SpeedKmh\", " +
        "\"Direction\" = excluded.\"Direction\", \"Instance\" = excluded.\"Instance\" WHERE excluded.\"LastSeenMs\" >= vehicle_live.\"LastSeenMs\"";
}

/// <summary>PostgreSQL: binary COPY per batch (committed when the import completes).</summary>
public sealed class PostgresPositionStore(string connectionString) : IPositionStore
{
    NpgsqlConnection? _conn;

    async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (_conn is null)
        {
            _conn = new NpgsqlConnection(connectionString);
            await _conn.OpenAsync(ct);
        }
        return _conn;
    }

    /// <summary>One statement for all rows: the columns as arrays, unnested.</summary>
    public async Task UpsertLiveAsync(IReadOnlyList<VehicleLiveState> rows, CancellationToken ct)
    {
        var conn = await OpenAsync(ct);
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"INSERT INTO vehicle_live ({VehicleLiveSql.Columns}) SELECT * FROM unnest(@v, @seen, @fix, @lat, @lon, @speed, @dir, @inst)" + VehicleLiveSql.OnConflict;
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("v", rows.Select(r => r.VehicleId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("seen", rows.Select(r => r.LastSeenMs).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long?[]>("fix", rows.Select(r => r.FixTimeMs).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<double?[]>("lat", rows.Select(r => r.Latitude).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<double?[]>("lon", rows.Select(r => r.Longitude).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<double?[]>("speed", rows.Select(r => r.SpeedKmh).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int?[]>("dir", rows.Select(r => r.Direction).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("inst", rows.Select(r => r.Instance).ToArray()));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException)
        {
            await _conn!.DisposeAsync();
            _conn = null;
            throw;
        }
    }

    public async Task AppendAsync(IReadOnlyList<TrackPoint> points, CancellationToken ct)
    {
        await OpenAsync(ct);
        try
        {
            await using var copy = await _conn!.BeginBinaryImportAsync(
                "COPY track_points (\"VehicleId\", \"TimeMs\", \"Latitude\", \"Longitude\", \"SpeedKmh\", \"Direction\", \"AltitudeM\", \"Alarm\", \"Status\", \"MileageKm\", \"Verdict\", \"Source\", \"ReceivedMs\") FROM STDIN (FORMAT BINARY)", ct);
            foreach (var x in points)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(x.VehicleId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(x.TimeMs, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(x.Latitude, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(x.Longitude, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(x.SpeedKmh, NpgsqlDbType.Real, ct);
                await copy.WriteAsync(x.Direction, NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(x.AltitudeM, NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(x.Alarm, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(x.Status, NpgsqlDbType.Bigint, ct);
                if (x.MileageKm is { } m) await copy.WriteAsync(m, NpgsqlDbType.Double, ct); else await copy.WriteNullAsync(ct);
                await copy.WriteAsync((short)x.Verdict, NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync((short)x.Source, NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(x.ReceivedMs, NpgsqlDbType.Bigint, ct);
            }
            await copy.CompleteAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException)
        {
            // A broken connection is reopened for the next batch; this batch fails and is not acknowledged.
            await _conn!.DisposeAsync();
            _conn = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_conn is not null) await _conn.DisposeAsync();
    }
}

public static class PositionStoreFactory
{
    public static IPositionStore Create(IDbContextFactory<AppDbContext> dbFactory, SqliteStoreOptions? sqlite = null, ILogger? log = null)
    {
        using var db = dbFactory.CreateDbContext();
        var cs = db.Database.GetConnectionString()!;
        return db.Database.IsNpgsql() ? new PostgresPositionStore(cs) : new SqlitePositionStore(cs, sqlite, log);
    }
}
