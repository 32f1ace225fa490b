using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenFreight.Server.Tracking;

public sealed record VehicleOption(int Id, string Plate, EnergyType Energy, VehicleClass Class, int? EnterpriseId);

public sealed record ReplayPoint(long TimeMs, double Lat, double Lon, double SpeedKmh, int Direction);

/// <summary>In-process queries behind the supervision pages (live map, replay), scoped like the API.</summary>
public sealed class SupervisionService(IDbContextFactory<AppDbContext> dbFactory, PositionIngest ingest, TimeProvider clock, IOptions<TrackingRuleOptions> rules, Access.AccessRuntime access)
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Vehicles with a terminal, or heard of by any instance (enterprise platforms post without a terminal phone).</summary>
    public async Task<List<VehicleOption>> TrackedVehiclesAsync(UserContext user, CancellationToken ct = default)
    {
        var live = ingest.Live.Keys.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Vehicles.AsNoTracking().Where(v => v.TerminalPhone != null || live.Contains(v.Id) || db.VehicleLive.Any(l => l.VehicleId == v.Id));
        if (user.IsEnterpriseOnly) q = q.Where(v => v.OwnerEnterpriseId == user.EnterpriseId);
        return await q.OrderBy(v => v.Plate).Select(v => new VehicleOption(v.Id, v.Plate, v.Energy, v.Class, v.OwnerEnterpriseId)).ToListAsync(ct);
    }

    /// <summary>
    /// Last position and online state of the tracked vehicles: what this instance heard itself, or else what any instance
    /// last wrote to <c>vehicle_live</c> (a few seconds behind), whichever is newer.
    /// </summary>
    public async Task<List<LiveVehicleDto>> LiveAsync(UserContext user, CancellationToken ct = default)
    {
        var list = await TrackedVehiclesAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = list.Select(v => v.Id).ToList();
        var shared = await db.VehicleLive.AsNoTracking().Where(l => ids.Contains(l.VehicleId)).ToDictionaryAsync(l => l.VehicleId, ct);
        var now = clock.GetUtcNow();
        var offline = TimeSpan.FromMinutes(rules.Value.OfflineAfterMinutes);
        return list.Select(v =>
        {
            var live = ingest.LiveOf(v.Id);
            DateTimeOffset? seen = live?.LastSeen;
            PositionReport? p;
            if (live is not null) lock (live) p = live.LastValid; else p = null;
            (double Lat, double Lon, double Speed, int Direction, DateTimeOffset Time)? fix = p is { } r ? (r.Latitude, r.Longitude, r.SpeedKmh, r.Direction, r.Time) : null;
            if (shared.TryGetValue(v.Id, out var s) && (seen is null || s.LastSeenMs > seen.Value.ToUnixTimeMilliseconds()))
            {
                seen = DateTimeOffset.FromUnixTimeMilliseconds(s.LastSeenMs);
                if (s is { FixTimeMs: { } t, Latitude: { } lat, Longitude: { } lon })
                    fix = (lat, lon, s.SpeedKmh ?? 0, s.Direction ?? 0, DateTimeOffset.FromUnixTimeMilliseconds(t));
            }
            return new LiveVehicleDto(v.Id, v.Plate, v.Energy.ToString(), v.Class.ToString(), v.EnterpriseId, fix?.Lat, fix?.Lon, fix?.Speed,
                fix?.Direction, fix?.Time.ToOffset(China), (seen ?? DateTimeOffset.MinValue).ToOffset(China), seen is { } at && now - at <= offline);
        }).ToList();
    }

    /// <summary>The zones and rules the tracking rules check (the Access capability's, as this instance has them).</summary>
    public Task<Access.AccessSnapshot> ZonesAsync(CancellationToken ct = default) => access.FreshAsync(ct);

    /// <summary>A vehicle's valid positions in a period (at most 31 days, 200,000 points); null when the user may not see it.</summary>
    public async Task<(VehicleOption Vehicle, List<ReplayPoint> Points)?> TrackAsync(UserContext user, string plate, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        if (to < from || to - from > TimeSpan.FromDays(31)) return null;
        var normalized = Domain.Validation.Plate.Normalize(plate);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var v = await db.Vehicles.AsNoTracking().Where(x => x.Plate == normalized)
            .Where(x => !user.IsEnterpriseOnly || x.OwnerEnterpriseId == user.EnterpriseId)
            .Select(x => new VehicleOption(x.Id, x.Plate, x.Energy, x.Class, x.OwnerEnterpriseId)).FirstOrDefaultAsync(ct);
        if (v is null) return null;
        long a = from.ToUnixTimeMilliseconds(), b = to.ToUnixTimeMilliseconds();
        var points = await db.StoredPositions.AsNoTracking()
            .Where(p => p.VehicleId == v.Id && p.TimeMs >= a && p.TimeMs <= b && p.Verdict == PositionVerdict.Valid)
            .OrderBy(p => p.TimeMs).ThenBy(p => p.Id).Take(200_000)
            .Select(p => new ReplayPoint(p.TimeMs, p.Latitude, p.Longitude, p.SpeedKmh, p.Direction)).ToListAsync(ct);
        return (v, points);
    }
}
