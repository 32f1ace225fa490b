using System.Globalization;
using System.Text;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

/// <summary>
/// Keeps <c>vehicle_live</c> (the last fix and last contact of every vehicle) in step with what this instance hears,
/// every few seconds and at shutdown, so that the live map is the same whichever instance serves it. One upsert
/// statement per 500 changed vehicles; a row is only ever moved forward in time.
/// </summary>
public sealed class LiveStateSync(PositionIngest ingest, IDbContextFactory<AppDbContext> dbFactory, IConfiguration config, ILogger<LiveStateSync> log) : BackgroundService
{
    public static readonly string InstanceName = $"{Environment.MachineName}/{Environment.ProcessId}";
    readonly Dictionary<int, long> _written = [];
    const int RowsPerStatement = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Tracking:LiveSyncSeconds", 5)));
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushSafelyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await FlushSafelyAsync(CancellationToken.None);
    }

    async Task FlushSafelyAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Writing the live vehicle state failed; retrying on the next tick");
        }
    }

    /// <summary>Writes the vehicles that changed since the last flush; returns how many.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var changed = new List<(VehicleLive Live, long Version)>();
        foreach (var (id, live) in ingest.Live)
        {
            var v = live.Version;
            if (!_written.TryGetValue(id, out var w) || w != v) changed.Add((live, v));
        }
        if (changed.Count == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < changed.Count; i += RowsPerStatement)
        {
            var part = changed.Skip(i).Take(RowsPerStatement).ToList();
            var sql = new StringBuilder("INSERT INTO vehicle_live (\"VehicleId\", \"LastSeenMs\", \"FixTimeMs\", \"Latitude\", \"Longitude\", \"SpeedKmh\", \"Direction\", \"Instance\") VALUES ");
            var args = new List<object?>(part.Count * 8);
            for (var k = 0; k < part.Count; k++)
            {
                var live = part[k].Live;
                PositionReport? fix;
                lock (live) fix = live.LastValid;
                if (k > 0) sql.Append(", ");
                var b = args.Count;
                // Typed casts so that a NULL parameter has a type on PostgreSQL too.
                sql.Append(CultureInfo.InvariantCulture, $"({{{b}}}, {{{b + 1}}}, CAST({{{b + 2}}} AS bigint), CAST({{{b + 3}}} AS double precision), CAST({{{b + 4}}} AS double precision), CAST({{{b + 5}}} AS double precision), CAST({{{b + 6}}} AS integer), {{{b + 7}}})");
                args.AddRange([live.VehicleId, live.LastSeen.ToUnixTimeMilliseconds(), fix?.Time.ToUnixTimeMilliseconds(), fix?.Latitude, fix?.Longitude, fix?.SpeedKmh, fix?.Direction, InstanceName]);
            }
            sql.Append(" ON CONFLICT (\"VehicleId\") DO UPDATE SET \"LastSeenMs\" = excluded.\"LastSeenMs\", \"FixTimeMs\" = excluded.\"FixTimeMs\", " +
                       "\"Latitude\" = excluded.\"Latitude\", \"Longitude\" = excluded.\"Longitude\", \"SpeedKmh\" = excluded.\"SpeedKmh\", " +
                       "\"Direction\" = excluded.\"Direction\", \"Instance\" = excluded.\"Instance\" WHERE excluded.\"LastSeenMs\" >= vehicle_live.\"LastSeenMs\"");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), args.Select(a => a ?? DBNull.Value), ct);
        }
        await tx.CommitAsync(ct);
        foreach (var (live, version) in changed) _written[live.VehicleId] = version;
        return changed.Count;
    }
}
