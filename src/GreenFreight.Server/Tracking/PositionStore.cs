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
    public static IPositionStore Create(IDbContextFactory<AppDbContext> dbFactory, SqliteStoreOptions? sqlite = null, ILogger? log = null)
    {
        using var db = dbFactory.CreateDbContext();
        var cs = db.Database.GetConnectionString()!;
        return db.Database.IsNpgsql() ? new PostgresPositionStore(cs) : new SqlitePositionStore(cs, sqlite, log);
    }
}
