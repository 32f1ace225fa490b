using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Access;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Public;

/// <summary>A facility as the public sees it: no operator, no contacts, no notes.</summary>
public sealed record PublicFacilityDto(int Id, string Name, string Kind, string? Address, double? Lon, double? Lat, int? Piles, decimal? PowerKw,
    int? Spaces, int? Free, int? MaxStayMinutes, string? OpenHours, bool IsDemo);

public sealed record PublicZoneDto(int Id, string Name, string Kind, object Geometry, bool Allowed, string Reason, string? Rule, bool IsDemo);

public sealed record NearestDto(PublicFacilityDto Facility, double DistanceKm, IReadOnlyList<string> ForbiddenOnTheWay);

public sealed record TripDto(bool Allowed, double DistanceKm, IReadOnlyList<string> ForbiddenZones, string Message);

/// <summary>
/// The public information service (政务发布、信息查询、交通诱导): anonymous, read-only, nothing private — facilities
/// with live free spaces, "where may my vehicle go now", pass lookup, publications, nearest free bay or charger and
/// straight-trip checks (road routing comes later: <see cref="AccessEngine.ForbiddenAlong"/> takes any polyline's legs).
/// </summary>
public sealed class PublicService(IDbContextFactory<AppDbContext> dbFactory, AccessRuntime runtime, AccessService access, BayService bays, TimeProvider clock, Localizer l)
{
    public static readonly FacilityKind[] Kinds = [FacilityKind.ChargingStation, FacilityKind.LoadingBay, FacilityKind.FreeParking, FacilityKind.TerminalStation, FacilityKind.DistributionCenter];

    public async Task<List<PublicFacilityDto>> FacilitiesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var list = (await db.Facilities.AsNoTracking().Where(f => Kinds.Contains(f.Kind)).ToListAsync(ct)).Where(f => f.IsOperatingOn(today)).ToList();
        var occ = (await bays.OccupancyAsync(ct)).ToDictionary(o => o.FacilityId);
        return list.OrderBy(f => Array.IndexOf(Kinds, f.Kind)).ThenBy(f => f.Name).Select(f => new PublicFacilityDto(f.Id, f.Name, f.Kind.ToString(), f.Address,
            f.Location?.X ?? f.Area?.Centroid.X, f.Location?.Y ?? f.Area?.Centroid.Y,
            f.Kind == FacilityKind.ChargingStation && f.AvailableToLogisticsNev == true ? f.PileCount : f.Kind == FacilityKind.ChargingStation ? 0 : null, f.PilePowerKw,
            f.Spaces, occ.TryGetValue(f.Id, out var o) ? o.Free : null, f.MaxStayMinutes,
            f.OpenFrom is { } a && f.OpenTo is { } b ? $"{a:HH\\:mm}–{b:HH\\:mm}" : null, f.IsDemo)).ToList();
    }

    public static VehicleFacts Facts(VehicleClass cls, EnergyType energy, int? weight, EmissionStandard? emission, bool? coldChain) =>
        new(cls, energy, weight ?? (cls switch { VehicleClass.MediumTruck => 12_000, VehicleClass.HeavyTruck => 25_000, VehicleClass.Tractor => 40_000, VehicleClass.MicroTruck => 2_500, _ => 4_495 }),
            emission ?? (energy is EnergyType.Bev or EnergyType.Fcev ? EmissionStandard.NotApplicable : EmissionStandard.ChinaVI), coldChain == true);

    /// <summary>Every zone with whether this kind of vehicle may be in it at <paramref name="at"/>, and why.</summary>
    public async Task<List<PublicZoneDto>> ZonesForAsync(VehicleFacts facts, DateTimeOffset at, CancellationToken ct = default)
    {
        var s = await runtime.FreshAsync(ct);
        var t = LocalTime.Of(at);
        return s.Engine.Zones.Select((z, i) =>
        {
            var d = s.Engine.DecideIn(i, facts, t);
            var r = access.Describe(s, d, null, at, 0, 0, null);
            return new PublicZoneDto(z.Id, z.Name, z.Kind.ToString(), Tracking.Pages.ZoneLayer.GeoJson(s.Zones[z.Id]), d.Allowed,
                Localizer.IsEnglish ? r.Reason.En : r.Reason.Zh, r.Rule?.Name, z.IsDemo);
        }).ToList();
    }

    /// <summary>The nearest operating free bays (or chargers with piles for logistics NEVs, or free-stay parking) to a point.</summary>
    public async Task<List<NearestDto>> NearestAsync(double lon, double lat, string kind, VehicleFacts facts, DateTimeOffset at, int count, CancellationToken ct = default)
    {
        var all = await FacilitiesAsync(ct);
        var wanted = kind switch { "charger" => FacilityKind.ChargingStation, "parking" => FacilityKind.FreeParking, _ => FacilityKind.LoadingBay };
        var s = await runtime.FreshAsync(ct);
        var ms = at.ToUnixTimeMilliseconds();
        return all.Where(f => f.Kind == wanted.ToString() && f.Lon is not null && (wanted == FacilityKind.ChargingStation ? f.Piles > 0 : f.Free > 0))
            .Select(f => (f, km: Domain.Tracking.PositionRules.DistanceKm(lat, lon, f.Lat!.Value, f.Lon!.Value)))
            .OrderBy(x => x.km).Take(Math.Clamp(count, 1, 20))
            .Select(x => new NearestDto(x.f, Math.Round(x.km, 2),
                s.Engine.ForbiddenAlong(facts, lon, lat, x.f.Lon!.Value, x.f.Lat!.Value, ms).Select(z => s.Engine.Zones[z].Name).ToList()))
            .ToList();
    }

    public async Task<TripDto> TripAsync(double lon1, double lat1, double lon2, double lat2, VehicleFacts facts, DateTimeOffset at, CancellationToken ct = default)
    {
        var s = await runtime.FreshAsync(ct);
        var zones = s.Engine.ForbiddenAlong(facts, lon1, lat1, lon2, lat2, at.ToUnixTimeMilliseconds()).Select(z => s.Engine.Zones[z].Name).ToList();
        var km = Domain.Tracking.PositionRules.DistanceKm(lat1, lon1, lat2, lon2);
        return new TripDto(zones.Count == 0, Math.Round(km, 2), zones, zones.Count == 0 ? l["public.trip.ok"] : l["public.trip.crosses", string.Join("、", zones)]);
    }

    public static IEndpointRouteBuilder MapPublicApi(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/public").WithTags("Public information (公众服务)").AllowAnonymous();
        g.MapGet("/facilities", (PublicService s, CancellationToken ct) => s.FacilitiesAsync(ct))
            .WithSummary("Operating charging stations (piles open to logistics NEVs), loading bays and free-stay parking (free spaces now), terminal stations, distribution centres");
        g.MapGet("/access/zones", (VehicleClass @class, EnergyType energy, int? grossWeightKg, EmissionStandard? emission, bool? coldChain, DateTimeOffset? at,
                PublicService s, TimeProvider clock, CancellationToken ct) =>
                s.ZonesForAsync(Facts(@class, energy, grossWeightKg, emission, coldChain), at ?? clock.GetUtcNow(), ct))
            .WithSummary("Where may my vehicle go: every zone, allowed or forbidden for a class/energy type at a time, with the reason");
        g.MapGet("/passes", async Task<Results<Ok<List<PublicPassDto>>, ProblemHttpResult>> (string? plate, PassService s, Localizer l, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(plate)) return Problems.Validation(l, ("plate", "field.required"));
                var e = Domain.Validation.Plate.Validate(Domain.Validation.Plate.Normalize(plate));
                if (e is not null) return Problems.Validation(l, new FieldErrors { new FieldError("plate", e.Key, e.Args) });
                return TypedResults.Ok(await s.PublicLookupAsync(plate, ct));
            })
            .WithSummary("Pass lookup by plate: number, kind, dates, periods, zones, roads and state (nothing else)");
        g.MapGet("/policies", (PolicyService s, CancellationToken ct) => s.ListAsync(true, ct)).WithSummary("Published policy documents (政务发布)");
        g.MapGet("/policies/{id:int}/attachments/{attachmentId:int}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, int attachmentId, PolicyService s, Localizer l, CancellationToken ct) =>
            await s.AttachmentAsync(id, attachmentId, true, ct) is { } a ? TypedResults.File(a.Content, a.ContentType, a.FileName) : Problems.NotFound(l))
            .WithSummary("An attachment of a published document");
        g.MapGet("/guide/nearest", async Task<Results<Ok<List<NearestDto>>, ProblemHttpResult>> (double? lon, double? lat, string? kind, VehicleClass? @class, EnergyType? energy,
                int? grossWeightKg, EmissionStandard? emission, DateTimeOffset? at, int? count, PublicService s, TimeProvider clock, Localizer l, CancellationToken ct) =>
            {
                if (lon is not (>= -180 and <= 180) || lat is not (>= -90 and <= 90)) return Problems.Validation(l, ("lon", "geo.range"));
                var facts = Facts(@class ?? VehicleClass.LightTruck, energy ?? EnergyType.Bev, grossWeightKg, emission, false);
                return TypedResults.Ok(await s.NearestAsync(lon.Value, lat.Value, kind ?? "bay", facts, at ?? clock.GetUtcNow(), count ?? 5, ct));
            })
            .WithSummary("Guidance: the nearest free bay (`kind=bay`), charger (`charger`) or free-stay parking (`parking`) to a point, and the zones a straight trip there would cross while forbidden");
        g.MapGet("/guide/trip", async Task<Results<Ok<TripDto>, ProblemHttpResult>> (double? fromLon, double? fromLat, double? toLon, double? toLat, VehicleClass? @class, EnergyType? energy,
                int? grossWeightKg, EmissionStandard? emission, DateTimeOffset? at, PublicService s, TimeProvider clock, Localizer l, CancellationToken ct) =>
            {
                if (fromLon is null || fromLat is null || toLon is null || toLat is null) return Problems.Validation(l, ("fromLon", "field.required"));
                var facts = Facts(@class ?? VehicleClass.LightTruck, energy ?? EnergyType.Diesel, grossWeightKg, emission, false);
                return TypedResults.Ok(await s.TripAsync(fromLon.Value, fromLat.Value, toLon.Value, toLat.Value, facts, at ?? clock.GetUtcNow(), ct));
            })
            .WithSummary("Guidance: does a straight trip from A to B cross zones forbidden to the vehicle at that time (road routing: later)");
        return app;
    }
}
