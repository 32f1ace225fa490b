using GreenFreight.Server.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using GreenFreight.Server.Reporting;

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
                Limits: `Planning:MaxStops` (500) stops, `Planning:MaxVehicleEntries` (200) `vehicles[]` entries, `Planning:MaxFleetEnterprises` (50) `fleetEnterpriseIds[]`.
                A job whose instance stops is queued again up to `Planning:MaxAttempts` (3) claims, then fails with the reason; when the baseline cannot be computed the plan is kept and `result.baselineUnavailable` says why.
                """);
        g.MapGet("/{id:int}", async Task<Results<Ok<JobDto>, ProblemHttpResult>> (int id, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                await s.GetAsync(id, UserContext.From(ctx.User), ct) is { } j ? TypedResults.Ok(j) : Problems.NotFound(l))
            .WithSummary("Status (Queued, Running, Completed, Cancelled, Failed), progress and result (routes, baseline comparison, factors)");
        g.MapPost("/{id:int}/cancel", async (int id, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.CancelAsync(id, UserContext.From(ctx.User), ct), l))
            .WithSummary("Cancel: a queued job is cancelled at once (unless an instance claimed it meanwhile); a running job stops within a heartbeat and keeps the best plan found so far");
        g.MapPost("/{id:int}/replan", async (int id, ReplanRequest? body, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ReplanAsync(id, body, UserContext.From(ctx.User), ct), l))
            .WithSummary("Re-plan a finished job with new stops (`newStops`) and the stops already served or committed (`frozenStopIds`, the first stops of their routes) → {id} of a new job")
            .WithDescription("Frozen stops stay first on their vehicle in order; moving a stop to another vehicle costs `Planning:ReassignCost`; the result lists the routes that changed. The existing and the new stops together are at most `Planning:MaxStops` (500; else 400 on `newStops`).");
        g.MapGet("/{id:int}/plan.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, HttpContext ctx, PlanningService s, Localizer l, CancellationToken ct) =>
                await s.LoadAsync(id, UserContext.From(ctx.User), ct) is { Result: { } r } x
                    ? TypedResults.File(Excel(r, l), XlsxWriter.ContentType, $"plan-{id}.xlsx")
                    : Problems.NotFound(l))
            .WithSummary("Driver sheets (Excel): a summary and, per vehicle, the stops in order with arrival times, address and demand");
        return app;
    }

    /// <summary>The driver sheets with the project's <see cref="XlsxWriter"/>: a summary and one sheet per route.</summary>
    internal static byte[] Excel(PlanResultDto r, Localizer l)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var summary = new XlsxSheet(SheetName(l["planning.xlsx.summary"], used));
        summary.Row(XlsxStyle.Header, l["planning.col.route"], l["planning.col.vehicle"], l["planning.col.energy"], l["planning.col.stops"], l["planning.col.km"],
            l["planning.col.hours"], l["planning.col.start"], l["planning.col.end"], l["planning.col.load"]);
        foreach (var x in r.Routes)
            summary.Row(XlsxStyle.Cell, x.RouteId, x.Vehicle, x.Energy, x.Stops.Count, x.DistanceKm, x.Hours, x.Start, x.End, x.LoadKg);
        summary.Columns(8, 30, 10, 8, 10, 10, 8, 8, 10);
        var sheets = new List<XlsxSheet> { summary };
        foreach (var x in r.Routes)
        {
            var sheet = new XlsxSheet(SheetName($"{x.RouteId} {x.Vehicle}", used));
            sheet.Row(XlsxStyle.Header, l["planning.col.seq"], l["planning.col.stop"], l["planning.col.address"], l["planning.col.arrival"], l["planning.col.servicestart"],
                l["planning.col.departure"], l["planning.col.window"], l["planning.col.weight"], l["planning.col.volume"], l["planning.col.shipper"], "lon", "lat");
            foreach (var (st, i) in x.Stops.Select((st, i) => (st, i)))
                sheet.Row(XlsxStyle.Cell, i + 1, st.Name, st.Address ?? "", st.Arrival, st.ServiceStart, st.Departure, st.TimeWindow ?? "", st.WeightKg, st.VolumeM3,
                    st.ShipperName ?? st.Shipper, st.Lon, st.Lat);
            sheet.Columns(6, 24, 30, 8, 8, 8, 12, 10, 10, 20, 11, 11);
            sheets.Add(sheet);
        }
        return XlsxWriter.Write([.. sheets]);
    }

    /// <summary>
    /// A worksheet name Excel accepts: without <c>[ ] : * ? / \</c>, not starting or ending with an apostrophe, at most 31
    /// characters, and unique in the workbook (case-insensitive; "~2", "~3"… when a shortened name is taken).
    /// </summary>
    internal static string SheetName(string title, HashSet<string> used)
    {
        var clean = new string(title.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '_' : c).ToArray()).Trim().Trim('\'');
        if (clean.Length == 0) clean = "Sheet";
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !used.Add(name); n++)
        {
            var suffix = $"~{n}";
            name = (clean.Length > 31 - suffix.Length ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }
}
