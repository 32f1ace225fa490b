using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenFreight.Server.Access;

/// <summary>Turns service outcomes into typed results (problems in Chinese or English).</summary>
public static class OutcomeResults
{
    public static Results<Ok<T>, ProblemHttpResult> From<T>(Outcome<T> o, Localizer l) => o.Kind switch
    {
        OutcomeKind.Ok => TypedResults.Ok(o.Value!),
        OutcomeKind.NotFound => Problems.NotFound(l),
        OutcomeKind.Forbidden => Problems.Forbidden(l),
        OutcomeKind.Conflict => Problems.Status(l, StatusCodes.Status409Conflict, o.ConflictKey ?? "record.changed"),
        _ => Problems.Validation(l, o.Errors ?? []),
    };
}

/// <summary>Access rules as data (zones, rules, settings), the access check, the week matrix and the national-rule findings.</summary>
public static class AccessApi
{
    public const int MaxBatch = 10_000;

    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/access").WithTags("Access (通行规则)").RequireAuthorization();
        var edit = new[] { Roles.Office, Roles.Police };

        g.MapGet("/zones", (AccessService s, CancellationToken ct) => s.ZonesAsync(ct))
            .WithSummary("Restricted and limited zones (polygons) and expressways (lines with a width), GeoJSON WGS-84");
        g.MapPost("/zones", async (ZoneIn body, HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveZoneAsync(null, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(edit)).WithSummary("Create a zone (police, office)")
            .WithDescription("`kind`: Restricted | Limited (give `area`, a GeoJSON Polygon) or Expressway (give `line`, a GeoJSON LineString, and `widthMetres`). Inside Linzi.");
        g.MapPut("/zones/{id:int}", async (int id, ZoneIn body, HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveZoneAsync(id, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(edit)).WithSummary("Change a zone (send `version` to detect concurrent edits: 409)");
        g.MapDelete("/zones/{id:int}", async (int id, HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.DeleteZoneAsync(id, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(edit)).WithSummary("Delete a zone and its zone-specific rules");

        g.MapGet("/rules", (AccessService s, CancellationToken ct) => s.RulesAsync(ct)).WithSummary("Access rules");
        g.MapPost("/rules", async (RuleIn body, HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveRuleAsync(null, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(edit)).WithSummary("Create a rule, checked against the national rules")
            .WithDescription("A rule names a zone (`zoneId`) or zone kinds (`zoneKinds`), the vehicles (`classes`, `energy` Any/NewEnergy/Fuel, `overWeightKg` exclusive, `upToWeightKg` inclusive, `minEmission`, `belowEmission`), `effect` Forbid/Allow (an exception), `days` (Monday…Sunday), `windows` (\"07:00-08:30;17:00-19:00\"; \"23:00-06:00\" crosses midnight; \"00:00-24:00\" all day), exemptions, effective dates and `policyId`. The resulting rule set is checked against the national rules: a delivery truck left less than 6 hours a day (or banned all day) in an area refuses the change (400); warnings come back in `findings`.");
        g.MapPut("/rules/{id:int}", async (int id, RuleIn body, HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveRuleAsync(id, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(edit)).WithSummary("Change a rule (checked like a new one)");
        g.MapDelete("/rules/{id:int}", async (int id, HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.DeleteRuleAsync(id, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(edit)).WithSummary("Delete a rule");

        g.MapGet("/compliance", (DateOnly? date, AccessService s, CancellationToken ct) => s.ComplianceAsync(date, ct))
            .WithSummary("National-rule findings of the rules in force in the week of `date` (default: this week)");
        g.MapGet("/matrix", async Task<Results<Ok<MatrixDto>, ProblemHttpResult>> (int zoneId, DateOnly? date, AccessService s, Localizer l, CancellationToken ct) =>
                await s.MatrixAsync(zoneId, date, ct) is { } m ? TypedResults.Ok(m) : Problems.NotFound(l))
            .WithSummary("Who may enter a zone: week-by-hour matrix per vehicle profile (0 allowed, 1 part of the hour, 2 forbidden)");

        g.MapGet("/settings", (AccessService s, CancellationToken ct) => s.SettingsAsync(ct)).WithSummary("Pass policy settings (easier treatment of NEVs and cold-chain vehicles)");
        g.MapPut("/settings", async (AccessSettings body, HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveSettingsAsync(body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(edit)).WithSummary("Change the pass policy settings (police, office)");

        g.MapGet("/check", async Task<Results<Ok<AccessCheckResult>, ProblemHttpResult>> (string? plate, double? lon, double? lat, DateTimeOffset? at, bool? emergency,
                HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
            {
                var (results, errors) = await s.CheckAsync([new AccessCheckIn(plate, lon, lat, at, emergency)], UserContext.From(ctx.User), ct);
                if (!errors.Ok) return errors.Any(e => e.Key == "positions.vehicle.unknown") ? Problems.NotFound(l) : Problems.Validation(l, errors);
                return TypedResults.Ok(results[0]!);
            })
            .WithSummary("May this vehicle be here at this time?")
            .WithDescription("`plate` of a registered vehicle (an enterprise: its own), `lon`/`lat` WGS-84, `at` ISO 8601 (default now; rules are in China time), `emergency=true` for an emergency vehicle on duty. Answer: `allowed`, the `zone` and `rule` that decided, the `reason` in Chinese and English, and the `pass` that exempted the vehicle.");
        g.MapPost("/check", async Task<Results<Ok<List<AccessCheckResult?>>, ProblemHttpResult>> (List<AccessCheckIn> body, HttpContext ctx, AccessService s, Localizer l, CancellationToken ct) =>
            {
                if (body.Count is 0 or > MaxBatch) return Problems.Validation(l, new FieldErrors { new FieldError("", "access.check.batch", MaxBatch) });
                var (results, errors) = await s.CheckAsync(body, UserContext.From(ctx.User), ct);
                return errors.Ok ? TypedResults.Ok(results) : Problems.Validation(l, errors);
            })
            .WithSummary("Batch check: a list of {plate, lon, lat, at, emergency}, at most 10,000; answers in the same order");
        g.MapGet("/windows", async Task<Results<Ok<List<WindowDto>>, ProblemHttpResult>> (string? plate, VehicleClass? @class, EnergyType? energy, int? grossWeightKg,
                EmissionStandard? emission, bool? coldChain, DateOnly? date, HttpContext ctx, AccessService s, TimeProvider clock, Localizer l, CancellationToken ct) =>
            {
                VehicleFacts facts;
                if (!string.IsNullOrWhiteSpace(plate))
                {
                    if (await s.FactsByPlateAsync(plate, UserContext.From(ctx.User), ct) is not { } f) return Problems.NotFound(l);
                    facts = f;
                }
                else if (@class is { } c && energy is { } e) facts = new VehicleFacts(c, e, grossWeightKg ?? 4_495, emission ?? (e.IsNewEnergy() ? EmissionStandard.NotApplicable : EmissionStandard.ChinaVI), coldChain == true);
                else return Problems.Validation(l, ("plate", "access.windows.vehicle"));
                return TypedResults.Ok(await s.WindowsAsync(facts, date ?? clock.Today(), ct));
            })
            .WithSummary("For route planning: which zones forbid a vehicle (by plate, or class/energy/weight/emission) at which times of a date");
        return app;
    }
}
