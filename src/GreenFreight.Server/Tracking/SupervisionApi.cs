using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

public sealed record LiveVehicleDto(int VehicleId, string Plate, string Energy, string Class, int? EnterpriseId, double? Lat, double? Lon,
    double? SpeedKmh, int? Direction, DateTimeOffset? Time, DateTimeOffset LastSeen, bool Online);

public sealed record TrackingEventDto(long Id, int VehicleId, string Plate, string Kind, DateTimeOffset Start, DateTimeOffset? End, double Lat, double Lon,
    int? ZoneId, int? FacilityId, double? Value, string Detail, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt);

public sealed record ZoneDto(int Id, string Name, string Kind, int? SpeedLimitKmh, bool IsDemo, string? Source, NetTopologySuite.Geometries.Polygon? Area,
    NetTopologySuite.Geometries.LineString? Line, int? WidthMetres);

/// <summary>Live vehicles, tracking events (alarms) with acknowledgement, and the zones the rules use.</summary>
public static class SupervisionApi
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static IEndpointRouteBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/tracking").WithTags("Tracking (车辆监管)").RequireAuthorization();

        g.MapGet("/live", async (HttpContext ctx, SupervisionService supervision, CancellationToken ct) =>
                TypedResults.Ok(await supervision.LiveAsync(UserContext.From(ctx.User), ct)))
            .WithSummary("Vehicles with terminals: last position, online or offline")
            .WithDescription("Online = heard from within Tracking:OfflineAfterMinutes (default 10). An enterprise sees only its own vehicles. Each instance keeps the vehicles it hears from and writes them to the shared store every few seconds (Tracking:LiveSyncSeconds, default 5), so every instance answers for all vehicles.");

        g.MapGet("/events", async (HttpContext ctx, DateTimeOffset? from, DateTimeOffset? to, string? kind, bool? unacknowledged, int? vehicleId,
                TrackingEventService events, CancellationToken ct) =>
                TypedResults.Ok(await events.QueryAsync(UserContext.From(ctx.User), from, to,
                    Enum.TryParse<TrackingEventKind>(kind, true, out var k) ? k : null, unacknowledged == true, vehicleId, ct)))
            .WithSummary("Tracking events (alarms): zone violations, bay overstays, overspeed, offline")
            .WithDescription("`from`/`to` (default: the last 7 days), `kind`, `unacknowledged=true`, `vehicleId`. Newest first, at most 1,000.");

        g.MapPost("/events/{id:long}/ack", async Task<Results<Ok<TrackingEventDto>, ProblemHttpResult>> (long id, HttpContext ctx, TrackingEventService events, Localizer l, CancellationToken ct) =>
            {
                var dto = await events.AcknowledgeAsync(UserContext.From(ctx.User), id, ct);
                return dto is null ? Problems.NotFound(l) : TypedResults.Ok(dto);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Police, Roles.Unit))
            .WithSummary("Acknowledge an event (supervisors)");

        g.MapGet("/zones", async (IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var zones = await db.Zones.AsNoTracking().OrderBy(z => z.Id).ToListAsync(ct);
                return TypedResults.Ok(zones.Select(z => new ZoneDto(z.Id, z.Name, z.Kind.ToString(), z.SpeedLimitKmh, z.IsDemo, z.Source, z.Area, z.Line, z.WidthMetres)).ToList());
            })
            .WithSummary("The zones the tracking rules check (GeoJSON); their rules: /api/access/rules");
        return app;
    }
}
