using System.Collections.Concurrent;
using System.Threading.Channels;
using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Access;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
/// Rules on the position stream, applied to every vehicle's accepted positions after they are stored: being in a zone
/// when the access engine (<see cref="AccessRuntime"/>, the Access capability's rules, in process) forbids the vehicle, staying at a loading bay beyond its maximum stay,
/// speeding in a zone with a limit; and, on a timer, terminals that went silent. Events are opened once and closed when
/// the condition ends; they are written to <c>tracking_events</c> by one background writer.
/// </summary>
public sealed class TrackingRules(IDbContextFactory<AppDbContext> dbFactory, VehicleDirectory vehicles, AccessRuntime access, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<TrackingRuleOptions> options, ILogger<TrackingRules> log) : BackgroundService, IPositionObserver
{
    sealed record BayInfo(int Id, string Name, double Lat, double Lon, int MaxStayMinutes);

    sealed class VehicleState
    {
        public readonly Dictionary<(int Zone, TrackingEventKind Kind), TrackingEvent> Open = [];
        public int? DwellBay;
        public DateTimeOffset DwellSince;
        public TrackingEvent? Overstay;
        public TrackingEvent? Offline;
    }

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
        // Zones: the access engine decides (grid index, point-in-polygon over arrays, rules in force for the vehicle).
        var engine = access.Current.Engine;
        Span<int> here = stackalloc int[8];
        var n = engine.ZonesAt(p.Longitude, p.Latitude, here);
        Span<(int, TrackingEventKind)> inside = stackalloc (int, TrackingEventKind)[16];
        var count = 0;
        if (n > 0)
        {
            // Emission and cold chain come from the access runtime's vehicle facts; a vehicle registered in the last
            // few seconds falls back to the directory's class, energy and weight.
            VehicleFacts? facts = v is null ? null
                : access.TryFacts(vehicleId, out var f) ? f
                : new VehicleFacts(v.Class, v.Energy, v.GrossWeightKg, v.Energy.IsNewEnergy() ? EmissionStandard.NotApplicable : EmissionStandard.ChinaVI);
            var t = LocalTime.FromUnixMs(p.Time.ToUnixTimeMilliseconds());
            var grants = access.GrantsOf(vehicleId);
            for (var k = 0; k < n; k++)
            {
                var zone = engine.Zones[here[k]];
                if (facts is { } vf && engine.DecideIn(here[k], vf, t, grants) is { Allowed: false } d && count < inside.Length)
                {
                    inside[count++] = (zone.Id, TrackingEventKind.ZoneViolation);
                    OpenOnce(state, vehicleId, (zone.Id, TrackingEventKind.ZoneViolation), p, zone.Id, null, null,
                        d.Window.IsAllDay ? $"{zone.Name}：全天禁止驶入" : $"{zone.Name}：{d.Window.ToString().Replace('-', '–')} 禁止驶入");
                }
                if (zone.SpeedLimitKmh is { } limit && p.SpeedKmh > limit && count < inside.Length)
                {
                    inside[count++] = (zone.Id, TrackingEventKind.Overspeed);
                    OpenOnce(state, vehicleId, (zone.Id, TrackingEventKind.Overspeed), p, zone.Id, null, p.SpeedKmh,
                        $"{zone.Name}：{p.SpeedKmh:0} km/h，限速 {limit} km/h");
                }
            }
        }
        if (state.Open.Count > 0)
        {
            List<(int, TrackingEventKind)>? ended = null;
            foreach (var key in state.Open.Keys)
                if (!inside[..count].Contains(key)) (ended ??= []).Add(key);
            if (ended is not null)
                foreach (var key in ended) Close(state.Open[key], p.Time, () => state.Open.Remove(key));
        }

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
        catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Loading bays failed"); }
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
                    catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning(ex, "Reloading bays failed"); }
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
