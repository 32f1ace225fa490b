using System.Collections.Concurrent;
using System.Threading.Channels;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace GreenFreight.Server.Tracking;

public sealed class TrackingRuleOptions
{
    /// <summary>A vehicle not heard from for this long is offline (<c>Tracking:OfflineAfterMinutes</c>).</summary>
    public int OfflineAfterMinutes { get; set; } = 10;
    /// <summary>Within this distance of a loading bay and slower than <see cref="DwellSpeedKmh"/>, a vehicle is parked at it.</summary>
    public double BayRadiusMetres { get; set; } = 40;
    public double DwellSpeedKmh { get; set; } = 5;
}

/// <summary>
/// Rules on the position stream, applied to every vehicle's accepted positions after they are stored: entering a
/// restricted zone in a window forbidden to the vehicle's class, staying at a loading bay beyond its maximum stay,
/// speeding in a zone with a limit; and, on a timer, terminals that went silent. Events are opened once and closed when
/// the condition ends; they are written to <c>tracking_events</c> by one background writer.
/// </summary>
public sealed class TrackingRules(IDbContextFactory<AppDbContext> dbFactory, VehicleDirectory vehicles, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<TrackingRuleOptions> options, ILogger<TrackingRules> log) : BackgroundService, IPositionObserver
{
    sealed record ZoneInfo(TrafficZone Zone, IPreparedGeometry Area);

    sealed record BayInfo(int Id, string Name, double Lat, double Lon, int MaxStayMinutes);

    sealed class VehicleState
    {
        public readonly Dictionary<(int Zone, TrackingEventKind Kind), TrackingEvent> Open = [];
        public int? DwellBay;
        public DateTimeOffset DwellSince;
        public TrackingEvent? Overstay;
        public TrackingEvent? Offline;
    }

    volatile IReadOnlyList<ZoneInfo> _zones = [];
    volatile IReadOnlyList<BayInfo> _bays = [];
    readonly ConcurrentDictionary<int, VehicleState> _state = new();
    readonly Channel<(TrackingEvent Event, bool Insert)> _writes = Channel.CreateUnbounded<(TrackingEvent, bool)>(new UnboundedChannelOptions { SingleReader = true });
    PositionIngest? _ingest;
    long _raised;

    public long Raised => Interlocked.Read(ref _raised);

    /// <summary>Set by the host after construction (the ingest calls the rules; the offline check reads the ingest).</summary>
    public void Attach(PositionIngest ingest) => _ingest = ingest;

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zones = await db.Zones.AsNoTracking().Include(z => z.Windows).ToListAsync(ct);
        _zones = zones.Select(z => new ZoneInfo(z, PreparedGeometryFactory.Prepare(z.Area))).ToList();
        var bays = await db.Facilities.AsNoTracking().Where(f => f.Kind == FacilityKind.LoadingBay && f.Location != null && f.MaxStayMinutes != null).ToListAsync(ct);
        _bays = bays.Where(b => b.Status == FacilityStatus.Operating).Select(b => new BayInfo(b.Id, b.Name, b.Location!.Y, b.Location.X, b.MaxStayMinutes!.Value)).ToList();
    }

    public void OnPositions(int vehicleId, IReadOnlyList<PositionReport> accepted)
    {
        if (accepted.Count == 0) return;
        var v = vehicles.Cached(vehicleId);
        var state = _state.GetOrAdd(vehicleId, _ => new VehicleState());
        lock (state)
        {
            if (state.Offline is { } off) Close(off, accepted[0].Time, () => state.Offline = null);
            foreach (var p in accepted.OrderBy(p => p.Time)) Apply(vehicleId, v, state, p);
        }
    }

    void Apply(int vehicleId, VehicleDirectory.Entry? v, VehicleState state, PositionReport p)
    {
        var point = new Point(p.Longitude, p.Latitude);
        var local = TimeOnly.FromDateTime(p.Time.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var inside = new HashSet<(int, TrackingEventKind)>();
        foreach (var z in _zones)
        {
            if (!z.Area.Contains(point)) continue;
            if (v is not null && z.Zone.Kind == ZoneKind.Restricted
                && z.Zone.Windows.FirstOrDefault(w => w.AppliesTo(v.Class, v.Energy, v.GrossWeightKg) && w.Covers(local)) is { } window)
            {
                inside.Add((z.Zone.Id, TrackingEventKind.ZoneViolation));
                OpenOnce(state, vehicleId, (z.Zone.Id, TrackingEventKind.ZoneViolation), p, z.Zone.Id, null, null,
                    window.From == window.To ? $"{z.Zone.Name}：全天禁止驶入" : $"{z.Zone.Name}：{window.From:HH\\:mm}–{window.To:HH\\:mm} 禁止驶入");
            }
            if (z.Zone.SpeedLimitKmh is { } limit && p.SpeedKmh > limit)
            {
                inside.Add((z.Zone.Id, TrackingEventKind.Overspeed));
                OpenOnce(state, vehicleId, (z.Zone.Id, TrackingEventKind.Overspeed), p, z.Zone.Id, null, p.SpeedKmh,
                    $"{z.Zone.Name}：{p.SpeedKmh:0} km/h，限速 {limit} km/h");
            }
        }
        foreach (var key in state.Open.Keys.Where(k => !inside.Contains(k)).ToList())
            Close(state.Open[key], p.Time, () => state.Open.Remove(key));

        // Loading bays: dwell near a bay below walking speed; beyond the bay's maximum stay it is an overstay.
        var o = options.Value;
        var bay = p.SpeedKmh <= o.DwellSpeedKmh
            ? _bays.FirstOrDefault(b => PositionRules.DistanceKm(b.Lat, b.Lon, p.Latitude, p.Longitude) * 1000 <= o.BayRadiusMetres)
            : null;
        if (bay is null || bay.Id != state.DwellBay)
        {
            if (state.Overstay is { } os) Close(os, p.Time, () => state.Overstay = null);
            state.DwellBay = bay?.Id;
            state.DwellSince = p.Time;
        }
        else if (state.Overstay is null && p.Time - state.DwellSince > TimeSpan.FromMinutes(bay.MaxStayMinutes))
        {
            var minutes = (p.Time - state.DwellSince).TotalMinutes;
            state.Overstay = Raise(new TrackingEvent
            {
                VehicleId = vehicleId, Kind = TrackingEventKind.BayOverstay, StartMs = state.DwellSince.ToUnixTimeMilliseconds(),
                Latitude = p.Latitude, Longitude = p.Longitude, FacilityId = bay.Id, Value = Math.Round(minutes, 1),
                Detail = $"{bay.Name}：已停 {minutes:0} 分钟，限停 {bay.MaxStayMinutes} 分钟",
            });
        }
    }

    void OpenOnce(VehicleState state, int vehicleId, (int, TrackingEventKind) key, in PositionReport p, int? zone, int? facility, double? value, string detail)
    {
        if (state.Open.ContainsKey(key)) return;
        state.Open[key] = Raise(new TrackingEvent
        {
            VehicleId = vehicleId, Kind = key.Item2, StartMs = p.Time.ToUnixTimeMilliseconds(), Latitude = p.Latitude, Longitude = p.Longitude,
            ZoneId = zone, FacilityId = facility, Value = value, Detail = detail,
        });
    }

    TrackingEvent Raise(TrackingEvent e)
    {
        Interlocked.Increment(ref _raised);
        _writes.Writer.TryWrite((e, true));
        return e;
    }

    void Close(TrackingEvent e, DateTimeOffset at, Action forget)
    {
        e.EndMs = Math.Max(e.StartMs, at.ToUnixTimeMilliseconds());
        _writes.Writer.TryWrite((e, false));
        forget();
    }

    /// <summary>Marks silent terminals offline (one open event per silence).</summary>
    public void CheckOffline()
    {
        if (_ingest is null) return;
        var now = clock.GetUtcNow();
        var limit = TimeSpan.FromMinutes(options.Value.OfflineAfterMinutes);
        foreach (var live in _ingest.Live.Values)
        {
            if (now - live.LastSeen <= limit) continue;
            var state = _state.GetOrAdd(live.VehicleId, _ => new VehicleState());
            lock (state)
            {
                if (state.Offline is not null) continue;
                state.Offline = Raise(new TrackingEvent
                {
                    VehicleId = live.VehicleId, Kind = TrackingEventKind.Offline, StartMs = live.LastSeen.ToUnixTimeMilliseconds(),
                    Latitude = live.LastValid?.Latitude ?? 0, Longitude = live.LastValid?.Longitude ?? 0,
                    Detail = $"终端超过 {options.Value.OfflineAfterMinutes} 分钟未上报",
                });
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await ReloadAsync(stoppingToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Loading zones and bays failed"); }
        var writer = WriteLoopAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CheckOffline();
                if (++ticks % 2 == 0)
                {
                    try { await ReloadAsync(stoppingToken); }
                    catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning(ex, "Reloading zones and bays failed"); }
                }
            }
        }
        catch (OperationCanceledException) { }
        _writes.Writer.TryComplete();
        await writer;
    }

    async Task WriteLoopAsync(CancellationToken ct)
    {
        var reader = _writes.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var batch = new List<(TrackingEvent Event, bool Insert)>();
            while (batch.Count < 500 && reader.TryRead(out var w)) batch.Add(w);
            try
            {
                foreach (var (e, insert) in batch)
                {
                    if (insert && e.Id == 0) db.TrackingEvents.Add(e);
                    else if (!insert && e.Id != 0) db.Entry(e).State = EntityState.Modified;
                    else if (!insert) continue;   // closed before its insert was saved: saved with its end below
                }
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
            {
                log.LogError(ex, "Writing {Count} tracking events failed", batch.Count);
            }
        }
    }

    /// <summary>Waits until every event raised so far is written (tests and shutdown).</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_writes.Reader.Count > 0 && DateTime.UtcNow < until) await Task.Delay(20);
        await Task.Delay(100);
    }
}
