using GreenFreight.Server.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace GreenFreight.Server.Planning;

/// <summary>Common-distribution route planning (共同配送路径规划): jobs run in the background, with progress, cancel, baseline, re-planning and a driver sheet.</summary>
public static class PlanningApi
{
    public static void AddPlanning(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration config)
    {
        services.Configure<PlanningOptions>(config.GetSection("Planning"));
        services.AddSingleton<PlanningService>();
        services.AddSingleton<PlanningRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<PlanningRunner>());
    }

    public static IEndpointRouteBuilder MapPlanningApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/planning/jobs").WithTags("Planning (共同配送路径规划)")
            .RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Enterprise));
        g.MapGet("/", (HttpContext ctx, PlanningService s, CancellationToken ct) => s.ListAsync(UserContext.From(ctx.User), ct))
            .WithSummary("Planning jobs, newest first (an enterprise sees its own)");
        g.MapPost("/", async (PlanningRequest? body, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.CreateAsync(body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Start a planning job: stops, fleet, depot → {id}")
            .WithDescription("""
                `stops[]`: `outletId` (a registered store: name, address, location and shipper from the registry) or `lon`/`lat` (WGS-84), `timeWindow` "HH:MM-HH:MM",
                `weightKg`, `volumeM3`, `serviceMinutes` (default 10), `shipper`. Fleet: `vehicles[]` (`class`, `energy`, `grossWeightKg`, `weightCapacityKg`, `volumeM3`,
                `count`, `shipper`) and/or `fleetEnterpriseIds[]` (the enterprises' registered vehicles in service on `date`; capacity by class from `Planning:Capacity`).
                `depot`: `facilityId` (registry facility) or `lon`/`lat`, with `open`/`close`. `date` (default tomorrow) selects the access rules' day; each vehicle may serve
                a stop inside a restricted zone only in the hours the access rules allow it. Bad input: 400 naming the field (`stops[1].timeWindow`); a stop no vehicle may serve: 400 naming it.
                """);
        g.MapGet("/{id:int}", async Task<Results<Ok<JobDto>, ProblemHttpResult>> (int id, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                await s.GetAsync(id, UserContext.From(ctx.User), ct) is { } j ? TypedResults.Ok(j) : Problems.NotFound(l))
            .WithSummary("Status (Queued, Running, Completed, Cancelled, Failed), progress and result (routes, baseline comparison, factors)");
        g.MapPost("/{id:int}/cancel", async (int id, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.CancelAsync(id, UserContext.From(ctx.User), ct), l))
            .WithSummary("Cancel: a running job stops within a heartbeat and keeps the best plan found so far");
        g.MapPost("/{id:int}/replan", async (int id, ReplanRequest? body, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ReplanAsync(id, body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Re-plan a finished job with new stops (`newStops`) and the stops already served or committed (`frozenStopIds`, the first stops of their routes) → {id} of a new job")
            .WithDescription("Frozen stops stay first on their vehicle in order; moving a stop to another vehicle costs `Planning:ReassignCost`; the result lists the routes that changed.");
        g.MapGet("/{id:int}/plan.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                await s.LoadAsync(id, UserContext.From(ctx.User), ct) is { Result: { } r } x
                    ? TypedResults.File(Excel(x.Job.Name, r, l), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"plan-{id}.xlsx")
                    : Problems.NotFound(l))
            .WithSummary("Driver sheets (Excel): a summary and, per vehicle, the stops in order with arrival times, address and demand");
        return app;
    }

    static byte[] Excel(string name, PlanResultDto r, Localizer l)
    {
        var sheets = new Dictionary<string, object>();
        sheets[l["planning.xlsx.summary"]] = r.Routes.Select((x, i) => new Dictionary<string, object?>
        {
            [l["planning.col.route"]] = x.RouteId, [l["planning.col.vehicle"]] = x.Vehicle, [l["planning.col.energy"]] = x.Energy,
            [l["planning.col.stops"]] = x.Stops.Count, [l["planning.col.km"]] = x.DistanceKm, [l["planning.col.hours"]] = x.Hours,
            [l["planning.col.start"]] = x.Start, [l["planning.col.end"]] = x.End, [l["planning.col.load"]] = x.LoadKg,
        }).ToList();
        foreach (var x in r.Routes)
        {
            var title = $"{x.RouteId} {x.Class}";
            sheets[title.Length > 31 ? title[..31] : title] = x.Stops.Select((s, i) => new Dictionary<string, object?>
            {
                [l["planning.col.seq"]] = i + 1, [l["planning.col.stop"]] = s.Name, [l["planning.col.address"]] = s.Address ?? "",
                [l["planning.col.arrival"]] = s.Arrival, [l["planning.col.servicestart"]] = s.ServiceStart, [l["planning.col.departure"]] = s.Departure,
                [l["planning.col.window"]] = s.TimeWindow ?? "", [l["planning.col.weight"]] = s.WeightKg, [l["planning.col.volume"]] = s.VolumeM3,
                [l["planning.col.shipper"]] = s.ShipperName ?? s.Shipper, ["lon"] = s.Lon, ["lat"] = s.Lat,
            }).ToList();
        }
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);
        _ = name;
        return ms.ToArray();
    }
}
