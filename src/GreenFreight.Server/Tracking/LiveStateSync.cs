using GreenFreight.Domain.Tracking;

namespace GreenFreight.Server.Tracking;

/// <summary>
/// Keeps <c>vehicle_live</c> (the last fix and last contact of every vehicle) in step with what this instance hears,
/// every few seconds and at shutdown, so that the live map is the same whichever instance serves it. The changed vehicles
/// are upserted by the position writer between batches (<see cref="PositionPipeline.WriteLiveAsync"/>); a row is only ever
/// moved forward in time.
/// </summary>
public sealed class LiveStateSync(PositionIngest ingest, PositionPipeline pipeline, IConfiguration config, ILogger<LiveStateSync> log) : BackgroundService
{
    public static readonly string InstanceName = $"{Environment.MachineName}/{Environment.ProcessId}";
    readonly Dictionary<int, long> _written = [];

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
        var rows = new List<VehicleLiveState>(changed.Count);
        foreach (var (live, _) in changed)
        {
            PositionReport? fix;
            lock (live) fix = live.LastValid;
            rows.Add(new VehicleLiveState
            {
                VehicleId = live.VehicleId, LastSeenMs = live.LastSeen.ToUnixTimeMilliseconds(), FixTimeMs = fix?.Time.ToUnixTimeMilliseconds(),
                Latitude = fix?.Latitude, Longitude = fix?.Longitude, SpeedKmh = fix?.SpeedKmh, Direction = fix?.Direction, Instance = InstanceName,
            });
        }
        await pipeline.WriteLiveAsync(rows, ct);
        foreach (var (live, version) in changed) _written[live.VehicleId] = version;
        return changed.Count;
    }
}
