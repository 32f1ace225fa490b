using System.Globalization;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Tracking;
using Plate = GreenFreight.Domain.Validation.Plate;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

public sealed record PositionIn(string? Plate, DateTimeOffset? Time, double? Lat, double? Lon, double? SpeedKmh, int? Direction, int? Altitude, bool? FixValid, double? MileageKm);

public sealed record PositionsIn(IReadOnlyList<PositionIn>? Positions);

public sealed record PositionItemResult(int Index, string Verdict, string? Field, string? Message);

public sealed record PositionsResult(int Stored, int Valid, IReadOnlyList<PositionItemResult> Items);

public sealed record TrackPointDto(DateTimeOffset Time, double Lat, double Lon, double SpeedKmh, int Direction, int Altitude, string Verdict, string Source, double? MileageKm);

public sealed record ApiKeyCreated(int Id, string Name, string Key);

public sealed record ApiKeyDto(int Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record ApiKeyRequest(string? Name);

public static class TrackingApi
{
    public const int MaxBatch = 5_000;
    static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST");

    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api").WithTags("Tracking (车辆监管)");

        g.MapPost("/positions", PostPositions)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName, GreenFreightApp.SmartScheme).RequireRole(Roles.Enterprise, Roles.Office))
            .WithSummary("Post positions (enterprise platforms without JT/T 808)")
            .WithDescription("Authenticate with the enterprise's `X-Api-Key` (or a bearer token). Body: `{positions: [{plate, time (ISO 8601 with offset), lat, lon, speedKmh, direction, altitude, fixValid, mileageKm}]}`, at most 5,000. Each position passes the same checks as JT/T 808 positions (ranges, fix, time, drift); every known vehicle's position is stored with its verdict and the response (sent only after they are committed) lists each item's verdict. An enterprise may post only its own vehicles.");

        g.MapGet("/vehicles/{plate}/track", GetTrack)
            .RequireAuthorization()
            .WithSummary("A vehicle's track between two times (by plate)")
            .WithDescription("`from`, `to`: ISO 8601 times (default: the last 24 hours; at most 31 days). Valid positions only unless `all=true`. An enterprise sees only its own vehicles.");

        var keys = g.MapGroup("/enterprises/{id:int}/api-keys").RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Enterprise));
        keys.MapGet("/", ListKeys).WithSummary("An enterprise's API keys (without the secrets)");
        keys.MapPost("/", CreateKey).WithSummary("Create an API key for an enterprise platform (the key is returned once)");
        keys.MapDelete("/{keyId:int}", RevokeKey).WithSummary("Revoke an API key");
        return app;
    }

    static bool MayActFor(UserContext user, int enterpriseId) => user.IsOffice || user.IsEnterpriseOnly && user.EnterpriseId == enterpriseId;

    static async Task<Results<Ok<PositionsResult>, ProblemHttpResult>> PostPositions(PositionsIn body, HttpContext ctx, VehicleDirectory vehicles,
        PositionIngest ingest, Localizer l, CancellationToken ct)
    {
        var user = UserContext.From(ctx.User);
        if (body.Positions is not { Count: > 0 } list) return Problems.Validation(l, ("positions", "field.required"));
        if (list.Count > MaxBatch) return Problems.Validation(l, new FieldErrors { new FieldError("positions", "positions.too.many", MaxBatch) });
        var items = new PositionItemResult?[list.Count];
        var byVehicle = new Dictionary<int, List<(int Index, PositionReport Report)>>();
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            string? field = p.Plate is null ? "plate" : p.Time is null ? "time" : p.Lat is null ? "lat" : p.Lon is null ? "lon" : null;
            if (field is not null) { items[i] = new(i, "Rejected", field, l["field.required"]); continue; }
            var plate = Plate.Normalize(p.Plate!);
            var v = await vehicles.ByPlateAsync(plate, ct);
            if (v is null || user.IsEnterpriseOnly && v.EnterpriseId != user.EnterpriseId)
            {
                items[i] = new(i, "Rejected", "plate", l["positions.vehicle.unknown", plate]);
                continue;
            }
            var report = new PositionReport(p.Time!.Value, p.Lat!.Value, p.Lon!.Value, p.SpeedKmh ?? 0, p.Direction ?? 0, p.Altitude ?? 0, p.FixValid ?? true, 0, 0, p.MileageKm);
            (byVehicle.TryGetValue(v.Id, out var bucket) ? bucket : byVehicle[v.Id] = []).Add((i, report));
        }
        var stored = 0;
        foreach (var (vehicleId, bucket) in byVehicle)
        {
            var verdicts = await ingest.IngestAsync(vehicleId, bucket.Select(b => b.Report).ToList(), PositionSource.Api, ct);
            for (var k = 0; k < bucket.Count; k++)
                items[bucket[k].Index] = new(bucket[k].Index, verdicts[k].ToString(), verdicts[k] == PositionVerdict.Valid ? null : FieldOf(verdicts[k]),
                    verdicts[k] == PositionVerdict.Valid ? null : l[$"PositionVerdict.{verdicts[k]}"]);
            stored += bucket.Count;
        }
        var all = items.Select(x => x!).ToList();
        return TypedResults.Ok(new PositionsResult(stored, all.Count(x => x.Verdict == nameof(PositionVerdict.Valid)), all));
    }

    static string FieldOf(PositionVerdict v) => v switch
    {
        PositionVerdict.OutOfRange => "lat",
        PositionVerdict.BadTime => "time",
        PositionVerdict.NoFix => "fixValid",
        PositionVerdict.BadSpeed => "speedKmh",
        _ => "lat",
    };

    static async Task<Results<Ok<IReadOnlyList<TrackPointDto>>, ProblemHttpResult>> GetTrack(string plate, DateTimeOffset? from, DateTimeOffset? to, bool? all,
        HttpContext ctx, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, Localizer l, CancellationToken ct)
    {
        var user = UserContext.From(ctx.User);
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        if (start > end) return Problems.Validation(l, new FieldErrors { new FieldError("from", "date.order", end.ToString("O", CultureInfo.InvariantCulture)) });
        if (end - start > TimeSpan.FromDays(31)) return Problems.Validation(l, ("to", "track.range"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = Plate.Normalize(plate);
        var vehicle = await db.Vehicles.AsNoTracking().Where(v => v.Plate == normalized)
            .Where(v => !user.IsEnterpriseOnly || v.OwnerEnterpriseId == user.EnterpriseId)
            .Select(v => new { v.Id }).FirstOrDefaultAsync(ct);
        if (vehicle is null) return Problems.NotFound(l);
        long a = start.ToUnixTimeMilliseconds(), b = end.ToUnixTimeMilliseconds();
        var q = db.StoredPositions.AsNoTracking().Where(p => p.VehicleId == vehicle.Id && p.TimeMs >= a && p.TimeMs <= b);
        if (all != true) q = q.Where(p => p.Verdict == PositionVerdict.Valid);
        var rows = await q.OrderBy(p => p.TimeMs).ThenBy(p => p.Id).Take(200_000).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<TrackPointDto>>(rows.Select(p => new TrackPointDto(
            TimeZoneInfo.ConvertTime(p.Time, China), p.Latitude, p.Longitude, p.SpeedKmh, p.Direction, p.AltitudeM, p.Verdict.ToString(), p.Source.ToString(), p.MileageKm)).ToList());
    }

    static async Task<Results<Ok<IReadOnlyList<ApiKeyDto>>, ProblemHttpResult>> ListKeys(int id, HttpContext ctx, IDbContextFactory<AppDbContext> dbFactory, Localizer l, CancellationToken ct)
    {
        if (!MayActFor(UserContext.From(ctx.User), id)) return Problems.NotFound(l);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.ApiKeys.AsNoTracking().Where(k => k.EnterpriseId == id).OrderBy(k => k.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ApiKeyDto>>(list.Select(k => new ApiKeyDto(k.Id, k.Name, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt)).ToList());
    }

    static async Task<Results<Created<ApiKeyCreated>, ProblemHttpResult>> CreateKey(int id, ApiKeyRequest req, HttpContext ctx, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, Localizer l, CancellationToken ct)
    {
        var user = UserContext.From(ctx.User);
        if (!MayActFor(user, id)) return Problems.NotFound(l);
        if (string.IsNullOrWhiteSpace(req.Name) || req.Name.Trim().Length > 100) return Problems.Validation(l, ("name", "field.required"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Enterprises.AnyAsync(e => e.Id == id, ct)) return Problems.NotFound(l);
        var row = new ApiKey { EnterpriseId = id, Name = req.Name.Trim(), Hash = "", CreatedAt = clock.GetUtcNow(), CreatedBy = user.UserName };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        var key = ApiKeys.NewKey(row.Id);
        row.Hash = Convert.ToHexString(ApiKeys.Hash(key));
        db.AuditEntries.Add(new Domain.Auditing.AuditEntry
        {
            At = clock.GetUtcNow(), UserName = user.UserName, EntityType = "ApiKey", EntityId = row.Id.ToString(CultureInfo.InvariantCulture),
            Action = Domain.Auditing.AuditAction.Created, Changes = System.Text.Json.JsonSerializer.Serialize(new { EnterpriseId = new { old = (int?)null, @new = id }, Name = new { old = (string?)null, @new = row.Name } }),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/enterprises/{id}/api-keys/{row.Id}", new ApiKeyCreated(row.Id, row.Name, key));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(int id, int keyId, HttpContext ctx, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, Localizer l, CancellationToken ct)
    {
        var user = UserContext.From(ctx.User);
        if (!MayActFor(user, id)) return Problems.NotFound(l);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.EnterpriseId == id, ct);
        if (row is null) return Problems.NotFound(l);
        row.RevokedAt ??= clock.GetUtcNow();
        db.AuditEntries.Add(new Domain.Auditing.AuditEntry
        {
            At = clock.GetUtcNow(), UserName = user.UserName, EntityType = "ApiKey", EntityId = row.Id.ToString(CultureInfo.InvariantCulture),
            Action = Domain.Auditing.AuditAction.Updated, Changes = """{"RevokedAt":{"old":null,"new":"revoked"}}""",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
