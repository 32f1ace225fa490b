using System.Data.Common;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GreenFreight.Server.Tracking;

/// <summary>Appends positions in batches, durably: when <see cref="AppendAsync"/> returns, the rows are committed.</summary>
public interface IPositionStore : IAsyncDisposable
{
    Task AppendAsync(IReadOnlyList<TrackPoint> points, CancellationToken ct);
}

/// <summary>
/// SQLite: one writer connection with a prepared INSERT, one transaction per batch, WAL journal. A committed WAL
/// transaction survives the process being killed (kill -9), which is what an acknowledgement promises.
/// </summary>
public sealed class SqlitePositionStore(string connectionString) : IPositionStore
{
    SqliteConnection? _conn;
    SqliteCommand? _insert;
    readonly SqliteParameter[] _p = new SqliteParameter[13];

    async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        if (_conn is not null) return _conn;
        _conn = new SqliteConnection(connectionString);
        await _conn.OpenAsync(ct);
        using (var pragma = _conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        _insert = _conn.CreateCommand();
        _insert.CommandText = """
            INSERT INTO track_points (VehicleId, TimeMs, Latitude, Longitude, SpeedKmh, Direction, AltitudeM, Alarm, Status, MileageKm, Verdict, Source, ReceivedMs)
            VALUES ($v, $t, $lat, $lon, $s, $d, $a, $al, $st, $m, $ver, $src, $r)
            """;
        string[] names = ["$v", "$t", "$lat", "$lon", "$s", "$d", "$a", "$al", "$st", "$m", "$ver", "$src", "$r"];
        for (var i = 0; i < names.Length; i++) _p[i] = _insert.Parameters.Add(new SqliteParameter { ParameterName = names[i] });
        _insert.Prepare();
        return _conn;
    }

    public async Task AppendAsync(IReadOnlyList<TrackPoint> points, CancellationToken ct)
    {
        var conn = await OpenAsync(ct);
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
        _insert!.Transaction = tx;
        foreach (var x in points)
        {
            _p[0].Value = x.VehicleId; _p[1].Value = x.TimeMs; _p[2].Value = x.Latitude; _p[3].Value = x.Longitude;
            _p[4].Value = x.SpeedKmh; _p[5].Value = x.Direction; _p[6].Value = x.AltitudeM; _p[7].Value = x.Alarm;
            _p[8].Value = x.Status; _p[9].Value = (object?)x.MileageKm ?? DBNull.Value; _p[10].Value = (byte)x.Verdict;
            _p[11].Value = (byte)x.Source; _p[12].Value = x.ReceivedMs;
            await _insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null) await _insert.DisposeAsync();
        if (_conn is not null) await _conn.DisposeAsync();
    }
}

/// <summary>PostgreSQL: binary COPY per batch (committed when the import completes).</summary>
public sealed class PostgresPositionStore(string connectionString) : IPositionStore
{
    NpgsqlConnection? _conn;

    public async Task AppendAsync(IReadOnlyList<TrackPoint> points, CancellationToken ct)
    {
        if (_conn is null)
        {
            _conn = new NpgsqlConnection(connectionString);
            await _conn.OpenAsync(ct);
        }
        try
        {
            await using var copy = await _conn.BeginBinaryImportAsync(
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
            await _conn.DisposeAsync();
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
    public static IPositionStore Create(IDbContextFactory<AppDbContext> dbFactory)
    {
        using var db = dbFactory.CreateDbContext();
        var cs = db.Database.GetConnectionString()!;
        return db.Database.IsNpgsql() ? new PostgresPositionStore(cs) : new SqlitePositionStore(cs);
    }
}
