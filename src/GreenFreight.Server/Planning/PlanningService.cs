using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GreenFreight.Domain.Access;
using GreenFreight.Domain.Planning;
using GreenFreight.Domain.Registry;
using GreenFreight.Planning;
using GreenFreight.Planning.Evaluation;
using GreenFreight.Server.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using P = GreenFreight.Planning.Model;

namespace GreenFreight.Server.Planning;

/// <summary>
/// Planning jobs: a request (stops, fleet, depot) is checked field by field and resolved against the registries
/// (outlets, enterprises' vehicles, facilities) and the access engine (per-vehicle allowed windows in the zones the stops
/// lie in) into a <see cref="PlanningSpec"/>, stored with the job; <see cref="PlanningRunner"/> solves it.
/// </summary>
public sealed class PlanningService(IDbContextFactory<AppDbContext> dbFactory, AccessRuntime access, IOptions<PlanningOptions> options, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    PlanningOptions O => options.Value;

    static IQueryable<PlanningJob> Scope(AppDbContext db, UserContext u) =>
        u.IsOffice ? db.PlanningJobs : u.IsEnterpriseOnly && u.EnterpriseId is { } e ? db.PlanningJobs.Where(j => j.EnterpriseId == e) : db.PlanningJobs.Where(_ => false);

    // ------------------------------------------------------------------ queries

    public async Task<List<JobListItemDto>> ListAsync(UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await Scope(db, user).AsNoTracking().OrderByDescending(j => j.Id).Take(200).ToListAsync(ct);
        return jobs.Select(j =>
        {
            var r = j.ResultJson is { } rj ? JsonSerializer.Deserialize<PlanResultDto>(rj, Json) : null;
            return new JobListItemDto(j.Id, j.Name, j.Status.ToString(), j.EnterpriseId, j.CreatedBy, j.CreatedAt, j.FinishedAt, j.ParentJobId,
                r?.Plan.DistanceKm, r?.Plan.Vehicles, r?.Baseline?.DistanceKm);
        }).ToList();
    }

    public async Task<JobDto?> GetAsync(int id, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var j = await Scope(db, user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return j is null ? null : ToDto(j);
    }

    internal async Task<(PlanningJob Job, PlanningSpec Spec, PlanResultDto? Result)?> LoadAsync(int id, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var j = await Scope(db, user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (j is null) return null;
        return (j, JsonSerializer.Deserialize<PlanningSpec>(j.RequestJson, Json)!, j.ResultJson is { } r ? JsonSerializer.Deserialize<PlanResultDto>(r, Json) : null);
    }

    static JobDto ToDto(PlanningJob j)
    {
        var spec = JsonSerializer.Deserialize<PlanningSpec>(j.RequestJson, Json)!;
        return new JobDto(j.Id, j.Name, j.Status.ToString(), j.EnterpriseId, j.CreatedBy, j.CreatedAt, j.StartedAt, j.FinishedAt, j.ParentJobId, spec.Stops.Count,
            j.TimeLimitSeconds, j.ProgressJson is { } p ? JsonSerializer.Deserialize<ProgressDto>(p, Json) : null,
            j.ResultJson is { } r ? JsonSerializer.Deserialize<PlanResultDto>(r, Json) : null, j.Error, j.CancelRequested);
    }

    // ------------------------------------------------------------------ commands

    public async Task<Outcome<JobCreatedDto>> CreateAsync(PlanningRequest? req, UserContext user, CancellationToken ct)
    {
        if (!user.IsOffice && !(user.IsEnterpriseOnly && user.EnterpriseId is not null)) return Outcome<JobCreatedDto>.Forbidden;
        var errors = new FieldErrors();
        if (req is null) { errors.Add("", "request.json.invalid"); return Outcome<JobCreatedDto>.Invalid(errors); }
        var spec = await ResolveAsync(req, user, errors, ct);
        if (spec is null) return Outcome<JobCreatedDto>.Invalid(errors);
        return await SaveAsync(spec, user, null, ct);
    }

    async Task<Outcome<JobCreatedDto>> SaveAsync(PlanningSpec spec, UserContext user, int? parent, CancellationToken ct, int? newStopsFrom = null)
    {
        var errors = new FieldErrors();
        if (!CheckBuild(spec, errors, newStopsFrom)) return Outcome<JobCreatedDto>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditUser = user.UserName;
        var job = new PlanningJob
        {
            Name = spec.Name, EnterpriseId = user.IsOffice ? null : user.EnterpriseId, CreatedBy = user.UserName, CreatedAt = clock.GetUtcNow(),
            Status = PlanningJobStatus.Queued, RequestJson = JsonSerializer.Serialize(spec, Json), TimeLimitSeconds = spec.TimeLimitSeconds, ParentJobId = parent,
        };
        db.PlanningJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return Outcome<JobCreatedDto>.Ok(new JobCreatedDto(job.Id));
    }

    /// <summary>Cancel: a queued job stops at once; a running one stops at its next heartbeat and keeps the best plan found.</summary>
    public async Task<Outcome<JobDto>> CancelAsync(int id, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditUser = user.UserName;
        var job = await Scope(db, user).AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return Outcome<JobDto>.NotFound;
        if (job.IsFinished) return Outcome<JobDto>.Ok(ToDto(job));
        // Conditional updates, as the runner's claim: a queued job is cancelled only while it is still queued (the runner may
        // claim it at the same moment); otherwise only the cancel flag is set, which the running instance reads at its heartbeat.
        var now = clock.GetUtcNow();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var n = await db.PlanningJobs.Where(j => j.Id == id && j.Status == PlanningJobStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, PlanningJobStatus.Cancelled).SetProperty(j => j.CancelRequested, true).SetProperty(j => j.FinishedAt, now), ct);
            if (n == 1) await PlanningRunner.AuditAsync(db, id, now, ct, ("Status", "Queued", "Cancelled"), ("CancelRequested", false, true));
            else
            {
                n = await db.PlanningJobs.Where(j => j.Id == id && j.Status == PlanningJobStatus.Running && !j.CancelRequested)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
                if (n == 1) await PlanningRunner.AuditAsync(db, id, now, ct, ("CancelRequested", false, true));
            }
            await tx.CommitAsync(ct);
        }
        var after = await db.PlanningJobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
        return Outcome<JobDto>.Ok(ToDto(after));
    }

    /// <summary>Re-planning: the previous plan's routes become vehicles of their own; the frozen stops (served or committed) stay
    /// first on their vehicle in order; new stops are inserted; moving a stop to another vehicle costs <c>ReassignCost</c>.</summary>
    public async Task<Outcome<JobCreatedDto>> ReplanAsync(int id, ReplanRequest? req, UserContext user, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, user, ct);
        if (loaded is not { } x) return Outcome<JobCreatedDto>.NotFound;
        var errors = new FieldErrors();
        if (x.Result is null) { errors.Add("id", "planning.replan.noresult"); return Outcome<JobCreatedDto>.Invalid(errors); }
        if (req is null) { errors.Add("", "request.json.invalid"); return Outcome<JobCreatedDto>.Invalid(errors); }
        var spec = x.Spec;
        var ids = spec.Stops.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var newStops = new List<SpecStop>();
        var zoneEngine = (await access.FreshAsync(ct)).Engine;
        if (spec.Stops.Count + (req.NewStops?.Count ?? 0) > O.MaxStops)
        {
            errors.Add("newStops", "field.range", 0, Math.Max(0, O.MaxStops - spec.Stops.Count));
            return Outcome<JobCreatedDto>.Invalid(errors);
        }
        var outlets = await OutletsAsync(req.NewStops, user, ct);
        for (var i = 0; i < (req.NewStops?.Count ?? 0); i++)
            if (ResolveStop(req.NewStops![i], spec.Stops.Count + i, $"newStops[{i}]", outlets, zoneEngine, errors) is { } s)
            {
                if (!ids.Add(s.Id)) errors.Add($"newStops[{i}].id", "planning.stop.duplicate", s.Id);
                else newStops.Add(s);
            }
        var frozen = req.FrozenStopIds ?? [];
        var routeOf = new Dictionary<string, RouteDto>(StringComparer.Ordinal);
        foreach (var r in x.Result.Routes) foreach (var s in r.Stops) routeOf[s.Id] = r;
        var frozenSet = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < frozen.Count; i++)
        {
            if (!routeOf.TryGetValue(frozen[i], out _)) { errors.Add($"frozenStopIds[{i}]", "planning.frozen.unknown", frozen[i]); continue; }
            frozenSet.Add(frozen[i]);
        }
        // Frozen stops must be the first stops of their route (served or committed in order).
        foreach (var r in x.Result.Routes)
        {
            var seenOpen = false;
            foreach (var s in r.Stops)
            {
                if (!frozenSet.Contains(s.Id)) { seenOpen = true; continue; }
                if (seenOpen) errors.Add($"frozenStopIds[{frozen.ToList().IndexOf(s.Id)}]", "planning.frozen.prefix", s.Id, r.RouteId);
            }
        }
        if (!errors.Ok) return Outcome<JobCreatedDto>.Invalid(errors);
        var vehicles = spec.Vehicles.ToList();
        var accessRows = spec.Access.ToList();
        if (newStops.Count > 0) accessRows = AccessFor(vehicles, [.. spec.Stops, .. newStops], zoneEngine, spec.Date);
        var replan = new SpecReplan(id, x.Result.Routes.Select(r => new SpecRoute(r.RouteId, r.VehicleId, r.Stops.Select(s => s.Id).ToList())).ToList(),
            x.Result.Routes.SelectMany(r => r.Stops.Where(s => frozenSet.Contains(s.Id)).Select(s => s.Id)).ToList());
        var limit = Math.Clamp(req.TimeLimitSeconds ?? spec.TimeLimitSeconds, 1, O.MaxTimeLimitSeconds);
        var next = spec with { Name = spec.Name + " · 重新规划", Stops = [.. spec.Stops, .. newStops], Access = accessRows, Replan = replan, TimeLimitSeconds = limit };
        return await SaveAsync(next, user, id, ct, spec.Stops.Count);
    }

    // ------------------------------------------------------------------ resolution

    async Task<Dictionary<int, RetailOutlet>> OutletsAsync(IReadOnlyList<StopIn>? stops, UserContext user, CancellationToken ct)
    {
        var ids = (stops ?? []).Where(s => s?.OutletId is not null).Select(s => s.OutletId!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Outlets.AsNoTracking().Include(o => o.OwnerEnterprise).Where(o => ids.Contains(o.Id));
        if (!user.IsOffice) q = q.Where(o => o.OwnerEnterpriseId == user.EnterpriseId);
        return await q.ToDictionaryAsync(o => o.Id, ct);
    }

    async Task<PlanningSpec?> ResolveAsync(PlanningRequest req, UserContext user, FieldErrors errors, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var engine = (await access.FreshAsync(ct)).Engine;
        var date = req.Date ?? clock.Today().AddDays(1);
        var limit = req.TimeLimitSeconds ?? O.DefaultTimeLimitSeconds;
        errors.AddIf(limit < 1 || limit > O.MaxTimeLimitSeconds, "timeLimitSeconds", "field.range", 1, O.MaxTimeLimitSeconds);

        // Depot: a facility of the registry, or coordinates.
        SpecDepot? depot = null;
        var d = req.Depot;
        if (d is null) errors.Add("depot", "field.required");
        else
        {
            int? open = ParseTime(d.Open, "depot.open", errors) ?? 6 * 60, close = ParseTime(d.Close, "depot.close", errors) ?? 20 * 60;
            if (d.FacilityId is { } fid)
            {
                var f = await db.Facilities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fid, ct);
                if (f?.Location is null) errors.Add("depot.facilityId", "planning.depot.unknown", fid);
                else depot = new SpecDepot(f.Name, f.Location.X, f.Location.Y, open.Value, close.Value);
            }
            else if (d.Lon is { } lon && d.Lat is { } lat)
            {
                if (!InLinziBox(lon, lat)) errors.Add("depot.lon", "planning.coordinates.range");
                else depot = new SpecDepot(d.Name ?? "配送中心", lon, lat, open.Value, close.Value);
            }
            else errors.Add("depot.facilityId", "planning.depot.required");
            if (open >= close) errors.Add("depot.close", "planning.window.order");
        }

        // Stops.
        var stops = new List<SpecStop>();
        if (req.Stops is not { Count: > 0 }) errors.Add("stops", "planning.stops.required");
        else if (req.Stops.Count > O.MaxStops) errors.Add("stops", "field.range", 1, O.MaxStops);
        else
        {
            var outlets = await OutletsAsync(req.Stops, user, ct);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < req.Stops.Count; i++)
                if (ResolveStop(req.Stops[i], i, $"stops[{i}]", outlets, engine, errors) is { } s)
                {
                    if (!ids.Add(s.Id)) errors.Add($"stops[{i}].id", "planning.stop.duplicate", s.Id);
                    else stops.Add(s);
                }
        }

        // Fleet: given, or the enterprises' registered vehicles in service on the date.
        var vehicles = new List<SpecVehicle>();
        if (req.Vehicles?.Count > O.MaxVehicleEntries || req.FleetEnterpriseIds?.Count > O.MaxFleetEnterprises)
        {
            errors.AddIf(req.Vehicles?.Count > O.MaxVehicleEntries, "vehicles", "planning.list.toomany", O.MaxVehicleEntries);
            errors.AddIf(req.FleetEnterpriseIds?.Count > O.MaxFleetEnterprises, "fleetEnterpriseIds", "planning.list.toomany", O.MaxFleetEnterprises);
            return null;
        }
        for (var i = 0; i < (req.Vehicles?.Count ?? 0); i++)
        {
            var v = req.Vehicles![i];
            var f = $"vehicles[{i}]";
            if (v is null) { errors.Add(f, "field.required"); continue; }
            if (v.Class is not { } cls) { errors.Add(f + ".class", "field.required"); continue; }
            if (v.Energy is not { } energy) { errors.Add(f + ".energy", "field.required"); continue; }
            var cap = O.Capacity.GetValueOrDefault(cls.ToString()) ?? new ClassCapacity(1500, 10);
            var w = v.WeightCapacityKg ?? cap.WeightKg;
            var vol = v.VolumeM3 ?? cap.VolumeM3;
            var count = v.Count ?? 1;
            errors.AddIf(!(w > 0), f + ".weightCapacityKg", "field.range", 1, 100000);
            errors.AddIf(!(vol > 0), f + ".volumeM3", "field.range", 0.1, 1000);
            errors.AddIf(count < 1 || count > 200, f + ".count", "field.range", 1, 200);
            var gross = v.GrossWeightKg ?? (cls is VehicleClass.MicroTruck ? 1800 : cls is VehicleClass.LightTruck or VehicleClass.Pickup ? 4495 : cls is VehicleClass.MediumTruck ? 10000 : 18000);
            var emission = v.Emission ?? (energy is EnergyType.Bev or EnergyType.Fcev ? EmissionStandard.NotApplicable : EmissionStandard.ChinaVI);
            var id = string.IsNullOrWhiteSpace(v.Id) ? $"V{i + 1}" : v.Id.Trim();
            vehicles.Add(new SpecVehicle(id, id, cls, energy, gross, emission, v.ColdChain ?? false, w, vol, count, v.Shipper?.Trim() ?? "", []));
        }
        for (var i = 0; i < (req.FleetEnterpriseIds?.Count ?? 0); i++)
        {
            var eid = req.FleetEnterpriseIds![i];
            if (!user.IsOffice && eid != user.EnterpriseId) { errors.Add($"fleetEnterpriseIds[{i}]", "planning.fleet.notyours"); continue; }
            var ent = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid, ct);
            if (ent is null) { errors.Add($"fleetEnterpriseIds[{i}]", "enterprise.unknown", eid); continue; }
            var own = (await db.Vehicles.AsNoTracking().Where(v => v.OwnerEnterpriseId == eid).ToListAsync(ct))
                .Where(v => v.InServiceOn(date) && v.Class is not (VehicleClass.DangerousGoods or VehicleClass.Tractor)).ToList();
            if (own.Count == 0) { errors.Add($"fleetEnterpriseIds[{i}]", "planning.fleet.empty", ent.Name); continue; }
            var cap = Math.Max(1, req.MaxVehiclesPerType ?? Math.Max(1, stops.Count));
            foreach (var g in own.GroupBy(v => (v.Class, v.Energy, Over: v.GrossWeightKg > 4500, v.Emission, v.ColdChain)).OrderBy(g => g.Key.Class).ThenBy(g => g.Key.Energy))
            {
                var c = O.Capacity.GetValueOrDefault(g.Key.Class.ToString()) ?? new ClassCapacity(1500, 10);
                var plates = g.OrderBy(v => v.Plate, StringComparer.Ordinal).Select(v => v.Plate).Take(cap).ToList();
                var vid = $"E{eid}-{g.Key.Class}-{g.Key.Energy}{(g.Key.Over ? "-H" : "")}{(g.Key.ColdChain ? "-C" : "")}-{(int)g.Key.Emission}";
                vehicles.Add(new SpecVehicle(vid, $"{ent.Name} {g.Key.Class}/{g.Key.Energy}", g.Key.Class, g.Key.Energy, g.Max(v => v.GrossWeightKg), g.Key.Emission,
                    g.Key.ColdChain, c.WeightKg, c.VolumeM3, plates.Count, eid.ToString(CultureInfo.InvariantCulture), plates));
            }
        }
        if (vehicles.Count == 0 && (req.Vehicles?.Count ?? 0) == 0 && (req.FleetEnterpriseIds?.Count ?? 0) == 0) errors.Add("vehicles", "planning.fleet.required");
        foreach (var dup in vehicles.GroupBy(v => v.Id).Where(g => g.Count() > 1)) errors.Add("vehicles", "planning.vehicle.duplicate", dup.Key);
        if (!errors.Ok || depot is null) return null;
        var name = string.IsNullOrWhiteSpace(req.Name) ? $"共同配送 {date:yyyy-MM-dd}" : req.Name.Trim();
        if (name.Length > 200) { errors.Add("name", "field.maxlength", 200); return null; }
        return new PlanningSpec(name, date, limit, depot, stops, vehicles, AccessFor(vehicles, stops, engine, date), null);
    }

    static bool InLinziBox(double lon, double lat) => lon is >= 117.5 and <= 119.0 && lat is >= 36.3 and <= 37.3;

    SpecStop? ResolveStop(StopIn? s, int index, string f, Dictionary<int, RetailOutlet> outlets, AccessEngine engine, FieldErrors errors)
    {
        if (s is null) { errors.Add(f, "field.required"); return null; }
        var before = errors.Count;
        string? name = s.Name, address = s.Address, shipper = s.Shipper, shipperName = null;
        double? lon = s.Lon, lat = s.Lat;
        if (s.OutletId is { } oid)
        {
            if (!outlets.TryGetValue(oid, out var o) || o.Location is null) errors.Add(f + ".outletId", "planning.outlet.unknown", oid);
            else
            {
                name ??= o.Name; address ??= o.Address; lon ??= o.Location.X; lat ??= o.Location.Y;
                shipper ??= o.OwnerEnterpriseId?.ToString(CultureInfo.InvariantCulture) ?? o.Name;
                shipperName = o.OwnerEnterprise?.Name;
            }
        }
        if (lon is null) errors.Add(f + ".lon", "field.required");
        if (lat is null) errors.Add(f + ".lat", "field.required");
        if (lon is { } x && lat is { } y && !InLinziBox(x, y)) errors.Add(f + ".lon", "planning.coordinates.range");
        int? from = null, to = null;
        if (!string.IsNullOrWhiteSpace(s.TimeWindow))
        {
            var parts = s.TimeWindow.Replace('–', '-').Replace('~', '-').Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || Hm(parts[0]) is not { } a || Hm(parts[1]) is not { } b) errors.Add(f + ".timeWindow", "planning.window.format");
            else if (b <= a) errors.Add(f + ".timeWindow", "planning.window.order");
            else { from = a; to = b; }
        }
        var w = s.WeightKg ?? 0;
        var v = s.VolumeM3 ?? 0;
        var service = s.ServiceMinutes ?? 10;
        errors.AddIf(!(w >= 0 && w <= 100_000), f + ".weightKg", "field.range", 0, 100000);
        errors.AddIf(!(v >= 0 && v <= 1000), f + ".volumeM3", "field.range", 0, 1000);
        errors.AddIf(!(service >= 0 && service <= 600), f + ".serviceMinutes", "field.range", 0, 600);
        if (errors.Count > before) return null;
        var id = string.IsNullOrWhiteSpace(s.Id) ? (s.OutletId is { } oi ? $"O{oi}" : $"S{index + 1}") : s.Id.Trim();
        Span<int> zs = stackalloc int[16];
        var n = engine.ZonesAt(lon!.Value, lat!.Value, zs);
        var zoneIds = new List<int>();
        var zoneNames = new List<string>();
        for (var k = 0; k < n; k++) { zoneIds.Add(engine.Zones[zs[k]].Id); zoneNames.Add(engine.Zones[zs[k]].Name); }
        zoneIds.Sort();
        var zone = zoneIds.Count == 0 ? null : "z" + string.Join("+", zoneIds);
        return new SpecStop(id, name ?? id, address, lon.Value, lat.Value, from, to, w, v, service, string.IsNullOrWhiteSpace(shipper) ? "—" : shipper.Trim(), zone, zoneNames, shipperName);
    }

    static int? Hm(string t)
    {
        if (t == "24:00") return 1440;
        return TimeOnly.TryParseExact(t, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var x) ? x.Hour * 60 + x.Minute : null;
    }

    static int? ParseTime(string? t, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(t)) return null;
        if (Hm(t.Trim()) is { } m) return m;
        errors.Add(field, "planning.window.format");
        return null;
    }

    /// <summary>For each vehicle and each set of zones a stop lies in: the minutes the access engine allows it there on the date.</summary>
    static List<SpecAccess> AccessFor(IReadOnlyList<SpecVehicle> vehicles, IReadOnlyList<SpecStop> stops, AccessEngine engine, DateOnly date)
    {
        var result = new List<SpecAccess>();
        var zoneKeys = stops.Where(s => s.Zone is not null).Select(s => s.Zone!).Distinct().OrderBy(z => z, StringComparer.Ordinal).ToList();
        if (zoneKeys.Count == 0) return result;
        foreach (var v in vehicles)
        {
            var facts = new VehicleFacts(v.Class, v.Energy, v.GrossWeightKg, v.Emission, v.ColdChain);
            var forbidden = engine.ForbiddenWindows(facts, date).ToDictionary(z => z.ZoneId);
            foreach (var key in zoneKeys)
            {
                var minutes = new bool[1440];
                var any = false;
                foreach (var zid in key[1..].Split('+').Select(int.Parse))
                {
                    if (!forbidden.TryGetValue(zid, out var fz)) continue;
                    foreach (var w in fz.Forbidden)
                    {
                        any = true;
                        if (w.IsAllDay) { Array.Fill(minutes, true); continue; }
                        for (var m = w.FromMinute; m != w.ToMinute; m = (m + 1) % 1440) minutes[m] = true;
                    }
                }
                if (!any) continue;
                var allowed = new List<int[]>();
                var i = 0;
                while (i < 1440)
                {
                    if (minutes[i]) { i++; continue; }
                    var start = i;
                    while (i < 1440 && !minutes[i]) i++;
                    allowed.Add([start, i]);
                }
                result.Add(new SpecAccess(v.Id, key, allowed));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ building and solving

    /// <summary>Builds the engine's problem; an engine validation error is mapped to the request's field.</summary>
    bool CheckBuild(PlanningSpec spec, FieldErrors errors, int? newStopsFrom)
    {
        try { _ = Build(spec, O); return true; }
        catch (ArgumentException ex)
        {
            var p = ex.ParamName ?? "";
            if (p.StartsWith("clients[", StringComparison.Ordinal) && int.TryParse(p[8..p.IndexOf(']')], out var ci) && ci < spec.Stops.Count)
            {
                var field = newStopsFrom is { } nf && ci >= nf ? $"newStops[{ci - nf}]" : $"stops[{ci}]";
                if (p.EndsWith(".requiredFeatures", StringComparison.Ordinal)) errors.Add(field, "planning.stop.unservable", spec.Stops[ci].Name, string.Join("、", spec.Stops[ci].ZoneNames));
                else errors.Add(field, "planning.stop.invalid", ex.Message);
            }
            else errors.Add(p.Length == 0 ? "vehicles" : p.Replace("vehicleTypes", "vehicles", StringComparison.Ordinal), "planning.problem.invalid", ex.Message);
            return false;
        }
    }

    public sealed record Built(P.ProblemData Problem, IReadOnlyList<(int Type, int[] Clients)>? Initial, string[] TypeRoute, SpecVehicle[] TypeVehicle);

    public static Built Build(PlanningSpec spec, PlanningOptions o, IReadOnlyList<SpecStop>? onlyStops = null, IReadOnlyList<SpecVehicle>? onlyVehicles = null)
    {
        var stops = onlyStops ?? spec.Stops;
        var vehicles = onlyVehicles ?? spec.Vehicles;
        var depot = new P.Depot { Id = "depot", X = spec.Depot.Lon, Y = spec.Depot.Lat, OpenTime = spec.Depot.Open, CloseTime = spec.Depot.Close };
        var clients = stops.Select(s => new P.Client
        {
            Id = s.Id, X = s.Lon, Y = s.Lat, Weight = s.WeightKg, Volume = s.VolumeM3, ServiceTime = s.ServiceMinutes,
            TimeWindows = s.From is { } a && s.To is { } b ? [new P.TimeWindow(a, b)] : [], Zone = s.Zone,
        }).ToList();
        P.VehicleType Type(SpecVehicle v, string id, int count, string? vehicleId) => new()
        {
            Id = id, Count = count, WeightCapacity = v.WeightCapacityKg, VolumeCapacity = v.VolumeM3, FixedCost = o.FixedCostPerVehicle,
            CostPerDistance = o.FactorOf(v.Energy).PerKm * o.FactorOf(v.Energy).CostPerUnit, CostPerDuration = o.DriverCostPerHour / 60,
            Energy = v.Energy switch { EnergyType.Bev => P.EnergyType.Electric, EnergyType.Phev => P.EnergyType.Hybrid, EnergyType.Fcev => P.EnergyType.Hydrogen,
                EnergyType.Gasoline => P.EnergyType.Gasoline, EnergyType.Cng or EnergyType.Lng => P.EnergyType.Gas, _ => P.EnergyType.Diesel },
            ShiftStart = spec.Depot.Open, ShiftEnd = spec.Depot.Close, VehicleClass = v.Id, VehicleId = vehicleId,
        };
        var types = new List<P.VehicleType>();
        var typeRoute = new List<string>();
        var typeVehicle = new List<SpecVehicle>();
        Dictionary<string, IReadOnlyList<string>>? fixedStops = null;
        Dictionary<string, string>? previous = null;
        List<(int, int[])>? initial = null;
        var stopIds = stops.Select(s => s.Id).ToList();
        if (spec.Replan is { } rp && onlyStops is null)
        {
            var frozen = rp.FrozenStopIds.ToHashSet(StringComparer.Ordinal);
            fixedStops = [];
            previous = [];
            initial = [];
            var byId = vehicles.ToDictionary(v => v.Id);
            foreach (var r in rp.PreviousRoutes)
            {
                if (!byId.TryGetValue(r.VehicleId, out var v)) continue;
                types.Add(Type(v, r.RouteId, 1, r.RouteId));
                typeRoute.Add(r.RouteId);
                typeVehicle.Add(v);
                var fx = r.StopIds.Where(frozen.Contains).ToList();
                if (fx.Count > 0) fixedStops[r.RouteId] = fx;
                foreach (var s in r.StopIds) previous[s] = r.RouteId;
                initial.Add((types.Count - 1, r.StopIds.Select(s => 1 + stopIds.IndexOf(s)).Where(x => x > 0).ToArray()));
            }
            foreach (var v in vehicles)
            {
                var used = rp.PreviousRoutes.Count(r => r.VehicleId == v.Id);
                types.Add(Type(v, v.Id, Math.Max(0, v.Count - used), null));
                typeRoute.Add("");
                typeVehicle.Add(v);
            }
        }
        else
            foreach (var v in vehicles) { types.Add(Type(v, v.Id, v.Count, null)); typeRoute.Add(""); typeVehicle.Add(v); }
        var ids = vehicles.Select(v => v.Id).ToHashSet();
        var rules = spec.Access.Where(a => ids.Contains(a.VehicleId)).Select(a => new P.AccessRule
        {
            VehicleClass = a.VehicleId, Zone = a.Zone, Windows = a.Allowed.Select(w => new P.TimeWindow(w[0], w[1])).ToList(),
        }).ToList();
        var lon = new[] { depot.X }.Concat(clients.Select(c => c.X)).ToArray();
        var lat = new[] { depot.Y }.Concat(clients.Select(c => c.Y)).ToArray();
        var dist = P.Matrices.Haversine(lon, lat, o.RoadFactor);
        var dur = P.Matrices.DurationsFromDistances(dist, o.SpeedKmh);
        var problem = new P.ProblemData([depot], clients, types, dist, dur, accessRules: rules, objective: P.Objective.Cost, name: spec.Name,
            fixedStops: fixedStops?.Count > 0 ? fixedStops : null, previousVehicle: previous, reassignCost: previous is null ? 0 : o.ReassignCost);
        return new Built(problem, initial, [.. typeRoute], [.. typeVehicle]);
    }

    static string Clock(double minutes)
    {
        if (double.IsInfinity(minutes) || double.IsNaN(minutes)) return "";
        var m = (int)Math.Round(minutes);
        return $"{m / 60:D2}:{m % 60:D2}";
    }

    /// <summary>Routes of a solution in the result's form.</summary>
    public static List<RouteDto> Routes(Built b, Solution sol, PlanningSpec spec, PlanResultDto? previous)
    {
        var stops = spec.Stops.ToDictionary(s => s.Id);
        var frozen = spec.Replan?.FrozenStopIds.ToHashSet() ?? [];
        var list = new List<RouteDto>();
        var fresh = 0;
        for (var r = 0; r < sol.Routes.Count; r++)
        {
            var route = sol.Routes[r];
            var v = b.TypeVehicle[route.VehicleType];
            var routeId = b.TypeRoute[route.VehicleType] is { Length: > 0 } rid ? rid : (spec.Replan is null ? $"R{list.Count + 1}" : $"N{++fresh}");
            var visits = sol.Schedule(r);
            var sv = new List<StopVisitDto>();
            foreach (var vis in visits.Where(x => x.Kind == VisitKind.Client))
            {
                var c = b.Problem.ClientAt(vis.Location);
                var s = stops[c.Id];
                sv.Add(new StopVisitDto(s.Id, s.Name, s.Address, s.Lon, s.Lat, Clock(vis.Arrival), Clock(vis.ServiceStart), Clock(vis.Departure), s.WeightKg, s.VolumeM3,
                    s.Shipper, s.From is { } a ? $"{Clock(a)}-{Clock(s.To!.Value)}" : null, frozen.Contains(s.Id), s.ShipperName));
            }
            var prev = previous?.Routes.FirstOrDefault(x => x.RouteId == routeId);
            var changed = spec.Replan is not null && (prev is null || !prev.Stops.Select(x => x.Id).SequenceEqual(sv.Select(x => x.Id)));
            list.Add(new RouteDto(routeId, v.Id, v.Plates.Count > 0 ? $"{v.Label}（{string.Join("/", v.Plates.Take(3))}{(v.Plates.Count > 3 ? "…" : "")}）" : v.Label,
                v.Class.ToString(), v.Energy.ToString(), v.Shipper, Math.Round(route.Stats.Distance, 2), Math.Round(route.Stats.Duration / 60, 2),
                Clock(route.Stats.StartTime), Clock(route.Stats.EndTime), sv.Sum(x => x.WeightKg), sv, changed));
        }
        return list;
    }

    public static PlanSummaryDto Summary(IEnumerable<(EnergyType Energy, double Km, double Hours)> routes, bool feasible, PlanningOptions o)
    {
        var rows = routes.ToList();
        var by = rows.GroupBy(r => r.Energy).OrderBy(g => g.Key).Select(g =>
        {
            var f = o.FactorOf(g.Key);
            var km = g.Sum(x => x.Km);
            var amount = km * f.PerKm;
            return new EnergyRowDto(g.Key.ToString(), f.Unit, g.Count(), Math.Round(km, 2), Math.Round(amount, 2), Math.Round(amount * f.Co2KgPerUnit, 2), Math.Round(amount * f.CostPerUnit, 2));
        }).ToList();
        var hours = rows.Sum(r => r.Hours);
        var energyCost = by.Sum(x => x.Cost);
        return new PlanSummaryDto(rows.Count, Math.Round(rows.Sum(r => r.Km), 2), Math.Round(hours, 2), Math.Round(by.Sum(x => x.Co2Kg), 2), Math.Round(energyCost, 2),
            Math.Round(rows.Count * o.FixedCostPerVehicle + energyCost + hours * o.DriverCostPerHour, 2), feasible, by);
    }

    public static IReadOnlyList<FactorDto> Factors(PlanningOptions o) =>
        o.Energy.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new FactorDto(e.Key, e.Value.Unit, e.Value.PerKm, e.Value.Co2KgPerUnit, e.Value.CostPerUnit)).ToList();

    /// <summary>The baseline: each shipper delivers its own stops alone, with its own vehicles (all vehicle kinds when it has none).</summary>
    public static (PlanSummaryDto, List<ShipperBaselineDto>) Baseline(PlanningSpec spec, PlanningOptions o, TimeSpan perShipper, long? iterations, CancellationToken ct)
    {
        var rows = new List<(EnergyType, double, double)>();
        var per = new List<ShipperBaselineDto>();
        var feasible = true;
        foreach (var g in spec.Stops.GroupBy(s => s.Shipper).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var own = spec.Vehicles.Where(v => v.Shipper == g.Key).ToList();
            var ownFleet = own.Count > 0;
            if (!ownFleet) own = [.. spec.Vehicles];
            Built b;
            try { b = Build(spec with { Replan = null }, o, g.ToList(), own); }
            catch (ArgumentException)
            {
                // Its own vehicles may not serve some stop (access): the whole fleet's kinds then.
                own = [.. spec.Vehicles]; ownFleet = false;
                b = Build(spec with { Replan = null }, o, g.ToList(), own);
            }
            var res = Solver.Solve(b.Problem, new SolverOptions { TimeLimit = perShipper, MaxIterations = iterations, Seed = 7 }, ct);
            foreach (var r in res.Best.Routes) rows.Add((b.TypeVehicle[r.VehicleType].Energy, r.Stats.Distance, r.Stats.Duration / 60));
            feasible &= res.Best.Feasible;
            per.Add(new ShipperBaselineDto(g.Key, g.Count(), res.Best.Vehicles, Math.Round(res.Best.Distance, 2), Math.Round(res.Best.Duration / 60, 2), res.Best.Feasible, ownFleet, g.First().ShipperName));
        }
        return (Summary(rows, feasible, o), per);
    }
}
