using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenFreight.Server.Access;

/// <summary>Loading-bay reservations, check-in/out, walk-ins (bays and free-stay parking), occupancy and overstays.</summary>
public static class BayApi
{
    public static IEndpointRouteBuilder MapBayApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/bays").WithTags("Bays (装卸泊位与免费停车)").RequireAuthorization();
        g.MapGet("/occupancy", (BayService s, CancellationToken ct) => s.OccupancyAsync(ct))
            .WithSummary("Live occupancy of every operating bay and free-stay parking area (check-ins, vehicles dwelling by tracking, reservations now, free spaces)");
        g.MapGet("/{id:int}/slots", async Task<Results<Ok<List<SlotDto>>, ProblemHttpResult>> (int id, DateOnly? date, BayService s, TimeProvider clock, Localizer l, CancellationToken ct) =>
                await s.SlotsAsync(id, date ?? clock.Today(), ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound(l))
            .WithSummary("Free spaces per 30-minute slot of a day at a loading bay");
        g.MapGet("/visits", (HttpContext ctx, int? facilityId, bool? active, BayService s, CancellationToken ct) =>
                s.VisitsAsync(UserContext.From(ctx.User), facilityId, active == true, ct))
            .WithSummary("Reservations and visits (an enterprise: its own)");
        g.MapGet("/overstays", (HttpContext ctx, BayService s, CancellationToken ct) => s.OverstaysAsync(UserContext.From(ctx.User), ct))
            .WithSummary("Vehicles checked in beyond the maximum stay");
        g.MapPost("/reservations", async (ReserveIn body, HttpContext ctx, BayService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ReserveAsync(body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Reserve a bay for a vehicle: `facilityId`, `vehicleId` or `plate`, `start` (on a half hour), `minutes` (multiple of 30, ≤ the bay's maximum stay)")
            .WithDescription("A space is held per 30-minute slot by a unique claim in the database: concurrent requests on any number of instances never get the same space; when every space is taken the answer is 409.");
        g.MapPost("/visits/{id:int}/cancel", async (int id, HttpContext ctx, BayService s, Localizer l, CancellationToken ct) =>
            OutcomeResults.From(await s.CancelAsync(id, UserContext.From(ctx.User), ct), l)).WithSummary("Cancel a reservation (frees its slots)");
        g.MapPost("/visits/{id:int}/checkin", async (int id, HttpContext ctx, BayService s, Localizer l, CancellationToken ct) =>
            OutcomeResults.From(await s.CheckInAsync(id, UserContext.From(ctx.User), ct), l)).WithSummary("Check a reserved vehicle in");
        g.MapPost("/visits/{id:int}/checkout", async (int id, HttpContext ctx, BayService s, Localizer l, CancellationToken ct) =>
            OutcomeResults.From(await s.CheckOutAsync(id, UserContext.From(ctx.User), ct), l)).WithSummary("Check a vehicle out (frees the slots still ahead)");
        g.MapPost("/walkins", async (WalkInIn body, HttpContext ctx, BayService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.WalkInAsync(body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Check in a vehicle without reservation (bays, free-stay parking: police, office, 区综合执法局 for parking; an enterprise its own vehicles); green delivery vehicles get the free stay");
        return app;
    }
}
