using System.Globalization;
using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Geo;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using PlateRules = GreenFreight.Domain.Validation.Plate;

namespace GreenFreight.Server.Access;

public sealed record ZoneDto(int Id, int Version, string Name, string Kind, Polygon? Area, LineString? Line, int? WidthMetres, int? SpeedLimitKmh, bool IsDemo, string? Source);

public sealed record ZoneIn(string? Name, AccessZoneKind? Kind, Polygon? Area, LineString? Line, int? WidthMetres, int? SpeedLimitKmh, string? Source, int? Version);

public sealed record RuleDto(int Id, int Version, string Name, int? ZoneId, IReadOnlyList<string> ZoneKinds, IReadOnlyList<string> Classes, string Energy,
    int? OverWeightKg, int? UpToWeightKg, string? MinEmission, string? BelowEmission, string Effect, IReadOnlyList<string> Days, string Windows,
    bool ExemptWithPass, bool ExemptEmergency, DateOnly EffectiveFrom, DateOnly? EffectiveTo, int? PolicyId, string? Notes);

public sealed record RuleIn(string? Name, int? ZoneId, IReadOnlyList<AccessZoneKind>? ZoneKinds, IReadOnlyList<VehicleClass>? Classes, EnergyMatch? Energy,
    int? OverWeightKg, int? UpToWeightKg, EmissionStandard? MinEmission, EmissionStandard? BelowEmission, RuleEffect? Effect,
    IReadOnlyList<DayOfWeek>? Days, string? Windows, bool? ExemptWithPass, bool? ExemptEmergency, DateOnly? EffectiveFrom, DateOnly? EffectiveTo,
    int? PolicyId, string? Notes, int? Version);

public sealed record FindingDto(string Severity, string Code, int ZoneId, string ZoneName, string Profile, string ProfileLabel, int Weekday, double Hours, string Message);

public sealed record RuleSaved(RuleDto Rule, IReadOnlyList<FindingDto> Findings);

public sealed record RefDto(int Id, string Name);

public sealed record ReasonDto(string Code, string Zh, string En);

public sealed record PassRefDto(int Id, string? Number, DateOnly ValidFrom, DateOnly ValidTo);

/// <summary>The answer of <c>/api/access/check</c>.</summary>
public sealed record AccessCheckResult(bool Allowed, string? Plate, DateTimeOffset At, double Lon, double Lat, RefDto? Zone, string? ZoneKind,
    RefDto? Rule, int? PolicyId, ReasonDto Reason, PassRefDto? Pass);

public sealed record AccessCheckIn(string? Plate, double? Lon, double? Lat, DateTimeOffset? At, bool? Emergency);

public sealed record MatrixRow(string Profile, string Label, IReadOnlyList<int> Cells);

public sealed record MatrixDto(int ZoneId, string ZoneName, string Kind, DateOnly Monday, IReadOnlyList<MatrixRow> Rows);

public sealed record WindowDto(int ZoneId, string Name, string Kind, IReadOnlyList<string> Forbidden);

/// <summary>Zones, rules, checks, the matrix and the national-rule findings, for the API and the pages alike.</summary>
public sealed class AccessService(IDbContextFactory<AppDbContext> dbFactory, AccessRuntime runtime, DistrictOutline district, TimeProvider clock, Localizer l)
{
    public static bool MayEdit(UserContext u) => u.IsOffice || u.IsPolice;

    // ------------------------------------------------------------------ zones

    public static ZoneDto ToDto(AccessZone z) => new(z.Id, z.Version, z.Name, z.Kind.ToString(), z.Area, z.Line, z.WidthMetres, z.SpeedLimitKmh, z.IsDemo, z.Source);

    public async Task<List<ZoneDto>> ZonesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Zones.AsNoTracking().OrderBy(z => z.Kind).ThenBy(z => z.Id).ToListAsync(ct)).Select(ToDto).ToList();
    }

    void CheckZone(ZoneIn z, FieldErrors errors)
    {
        RegistryRules.Required(errors, "name", z.Name);
        RegistryRules.MaxLength(errors, "name", z.Name, 200);
        RegistryRules.MaxLength(errors, "source", z.Source, 500);
        RegistryRules.Required(errors, "kind", z.Kind);
        RegistryRules.Defined(errors, "kind", z.Kind);
        RegistryRules.Range(errors, "speedLimitKmh", z.SpeedLimitKmh, 5, 120);
        if (z.Kind == AccessZoneKind.Expressway)
        {
            errors.AddIf(z.Line is null, "line", "access.zone.line");
            RegistryRules.Required(errors, "widthMetres", z.WidthMetres);
            RegistryRules.Range(errors, "widthMetres", z.WidthMetres, 5, 500);
            LocatedDto.CheckLocation(z.Line, "line", district, errors);
        }
        else if (z.Kind is not null)
        {
            errors.AddIf(z.Area is null, "area", "access.zone.area");
            LocatedDto.CheckLocation(z.Area, "area", district, errors);
        }
    }

    public async Task<Outcome<ZoneDto>> SaveZoneAsync(int? id, ZoneIn input, UserContext user, CancellationToken ct = default)
    {
        if (!MayEdit(user)) return Outcome<ZoneDto>.Forbidden;
        var errors = new FieldErrors();
        CheckZone(input, errors);
        if (!errors.Ok) return Outcome<ZoneDto>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = id is { } zid ? await db.Zones.FirstOrDefaultAsync(z => z.Id == zid, ct) : new AccessZone();
        if (zone is null) return Outcome<ZoneDto>.NotFound;
        zone.Name = input.Name!.Trim();
        zone.Kind = input.Kind!.Value;
        var line = zone.Kind == AccessZoneKind.Expressway;
        zone.Area = line ? null : (Polygon)input.Area!.Copy();
        zone.Line = line ? (LineString)input.Line!.Copy() : null;
        if (zone.Area is not null) zone.Area.SRID = 4326;
        if (zone.Line is not null) zone.Line.SRID = 4326;
        zone.WidthMetres = line ? input.WidthMetres : null;
        zone.SpeedLimitKmh = input.SpeedLimitKmh;
        zone.Source = RegistryRules.Clean(input.Source);
        if (id is null) db.Zones.Add(zone);
        else if (input.Version is { } v) db.Entry(zone).Property(x => x.Version).OriginalValue = v;
        db.AuditUser = user.UserName;
        try { await SaveBumpedAsync(db, ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<ZoneDto>.Conflict("record.changed"); }
        await runtime.ReloadAsync(ct);
        return Outcome<ZoneDto>.Ok(ToDto(zone));
    }

    public async Task<Outcome<bool>> DeleteZoneAsync(int id, UserContext user, CancellationToken ct = default)
    {
        if (!MayEdit(user)) return Outcome<bool>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await db.Zones.FirstOrDefaultAsync(z => z.Id == id, ct);
        if (zone is null) return Outcome<bool>.NotFound;
        db.Zones.Remove(zone);
        db.AuditUser = user.UserName;
        await SaveBumpedAsync(db, ct);
        await runtime.ReloadAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    static async Task SaveBumpedAsync(AppDbContext db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await AccessRuntime.BumpVersionAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    // ------------------------------------------------------------------ rules

    static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static WeekDays ToDays(IEnumerable<DayOfWeek> days) => days.Aggregate(WeekDays.None, (a, d) => a | (WeekDays)(1 << (((int)d + 6) % 7)));

    public static IReadOnlyList<string> FromDays(WeekDays d) => Week.Where(w => ((int)d & (1 << (((int)w + 6) % 7))) != 0).Select(w => w.ToString()).ToList();

    public static RuleDto ToDto(AccessRule r) => new(r.Id, r.Version, r.Name, r.ZoneId,
        Enum.GetValues<AccessZoneKind>().Where(k => (r.ZoneKinds & AccessZone.Flag(k)) != 0).Select(k => k.ToString()).ToList(),
        r.ClassList().Select(c => c.ToString()).ToList(), r.Energy.ToString(), r.OverWeightKg, r.UpToWeightKg, r.MinEmission?.ToString(), r.BelowEmission?.ToString(),
        r.Effect.ToString(), FromDays(r.Days), r.Windows, r.ExemptWithPass, r.ExemptEmergency, r.EffectiveFrom, r.EffectiveTo, r.PolicyId, r.Notes);

    public async Task<List<RuleDto>> RulesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.AccessRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct)).Select(ToDto).ToList();
    }

    async Task CheckRuleAsync(RuleIn r, AppDbContext db, FieldErrors errors, CancellationToken ct)
    {
        RegistryRules.Required(errors, "name", r.Name);
        RegistryRules.MaxLength(errors, "name", r.Name, 200);
        RegistryRules.MaxLength(errors, "notes", r.Notes, 2000);
        RegistryRules.Required(errors, "effect", r.Effect);
        RegistryRules.Defined(errors, "effect", r.Effect);
        RegistryRules.Defined(errors, "energy", r.Energy);
        RegistryRules.Defined(errors, "minEmission", r.MinEmission);
        RegistryRules.Defined(errors, "belowEmission", r.BelowEmission);
        RegistryRules.Required(errors, "effectiveFrom", r.EffectiveFrom);
        RegistryRules.DateOrder(errors, "effectiveTo", r.EffectiveFrom, r.EffectiveTo);
        RegistryRules.Range(errors, "overWeightKg", r.OverWeightKg, 0, 100_000);
        RegistryRules.Range(errors, "upToWeightKg", r.UpToWeightKg, 0, 100_000);
        if (r.Classes?.Any(c => !Enum.IsDefined(c)) == true) errors.Add("classes", "field.enum");
        if (r.ZoneKinds?.Any(c => !Enum.IsDefined(c)) == true) errors.Add("zoneKinds", "field.enum");
        errors.AddIf(r.ZoneId is null && r.ZoneKinds is not { Count: > 0 }, "zoneKinds", "access.rule.zone");
        if (r.ZoneId is { } zid && !await db.Zones.AnyAsync(z => z.Id == zid, ct)) errors.Add("zoneId", "access.rule.zone.unknown");
        if (r.PolicyId is { } pid && !await db.Policies.AnyAsync(p => p.Id == pid, ct)) errors.Add("policyId", "access.rule.policy.unknown");
        if (TimeWindow.ParseList(r.Windows) is not { Count: > 0 }) errors.Add("windows", "access.rule.windows");
        errors.AddIf(r.Days is { Count: 0 }, "days", "access.rule.days");
    }

    static void Apply(RuleIn r, AccessRule e)
    {
        e.Name = r.Name!.Trim();
        e.ZoneId = r.ZoneId;
        e.ZoneKinds = r.ZoneId is null ? (r.ZoneKinds ?? []).Aggregate(ZoneKinds.None, (a, k) => a | AccessZone.Flag(k)) : ZoneKinds.None;
        e.Classes = string.Join(",", (r.Classes ?? []).Distinct().Order());
        e.Energy = r.Energy ?? EnergyMatch.Any;
        e.OverWeightKg = r.OverWeightKg;
        e.UpToWeightKg = r.UpToWeightKg;
        e.MinEmission = r.MinEmission;
        e.BelowEmission = r.BelowEmission;
        e.Effect = r.Effect!.Value;
        e.Days = r.Days is null ? WeekDays.All : ToDays(r.Days);
        e.Windows = TimeWindow.Format(TimeWindow.ParseList(r.Windows)!);
        e.ExemptWithPass = r.ExemptWithPass ?? e.Effect == RuleEffect.Forbid;
        e.ExemptEmergency = r.ExemptEmergency ?? e.Effect == RuleEffect.Forbid;
        e.EffectiveFrom = r.EffectiveFrom!.Value;
        e.EffectiveTo = r.EffectiveTo;
        e.PolicyId = r.PolicyId;
        e.Notes = RegistryRules.Clean(r.Notes);
    }

    /// <summary>
    /// Creates or changes a rule. The rule set it makes is checked against the national rules for the week the rule
    /// takes effect (or this week): a new error (a delivery truck left under 6 hours, or banned all day) refuses the
    /// change; warnings are returned with the saved rule.
    /// </summary>
    public async Task<Outcome<RuleSaved>> SaveRuleAsync(int? id, RuleIn input, UserContext user, CancellationToken ct = default)
    {
        if (!MayEdit(user)) return Outcome<RuleSaved>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        await CheckRuleAsync(input, db, errors, ct);
        if (!errors.Ok) return Outcome<RuleSaved>.Invalid(errors);
        var rule = id is { } rid ? await db.AccessRules.FirstOrDefaultAsync(r => r.Id == rid, ct) : new AccessRule();
        if (rule is null) return Outcome<RuleSaved>.NotFound;
        var settings = await db.AccessSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new AccessSettings();
        var zones = await db.Zones.AsNoTracking().ToListAsync(ct);
        var others = await db.AccessRules.AsNoTracking().Where(r => r.Id != rule.Id).ToListAsync(ct);
        var monday = NationalRules.MondayOf(new[] { clock.Today(), input.EffectiveFrom!.Value }.Max());
        var before = NationalRules.Check(new AccessEngine(zones, id is null ? others : [.. others, rule], settings.ColdChainAsNewEnergy), monday);
        Apply(input, rule);
        var probe = new AccessRule();
        Apply(input, probe);
        probe.Id = id ?? int.MaxValue;
        var after = NationalRules.Check(new AccessEngine(zones, [.. others, probe], settings.ColdChainAsNewEnergy), monday);
        static (string, int, string) Key(NationalFinding f) => (f.Code, f.ZoneId, f.ProfileKey);
        var known = before.Where(f => f.Severity == FindingSeverity.Error).Select(Key).ToHashSet();
        var newErrors = after.Where(f => f.Severity == FindingSeverity.Error && !known.Contains(Key(f))).ToList();
        if (newErrors.Count > 0)
        {
            var e = new FieldErrors();
            foreach (var f in newErrors) e.Add("windows", $"access.national.{f.Code}", f.ZoneName, l[$"access.profile.{f.ProfileKey}"], l[$"weekday.{f.Weekday}"], f.Hours);
            return Outcome<RuleSaved>.Invalid(e);
        }
        if (id is null) db.AccessRules.Add(rule);
        else if (input.Version is { } v) db.Entry(rule).Property(x => x.Version).OriginalValue = v;
        db.AuditUser = user.UserName;
        try { await SaveBumpedAsync(db, ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<RuleSaved>.Conflict("record.changed"); }
        await runtime.ReloadAsync(ct);
        var warnings = after.Where(f => f.Severity == FindingSeverity.Warning && (f.ZoneId == rule.ZoneId || rule.ZoneId is null)).Select(ToDto).ToList();
        return Outcome<RuleSaved>.Ok(new RuleSaved(ToDto(rule), warnings));
    }

    public async Task<Outcome<bool>> DeleteRuleAsync(int id, UserContext user, CancellationToken ct = default)
    {
        if (!MayEdit(user)) return Outcome<bool>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rule = await db.AccessRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return Outcome<bool>.NotFound;
        db.AccessRules.Remove(rule);
        db.AuditUser = user.UserName;
        await SaveBumpedAsync(db, ct);
        await runtime.ReloadAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    public FindingDto ToDto(NationalFinding f) => new(f.Severity.ToString(), f.Code, f.ZoneId, f.ZoneName, f.ProfileKey, l[$"access.profile.{f.ProfileKey}"],
        f.Weekday, f.Hours, l[$"access.national.{f.Code}", f.ZoneName, l[$"access.profile.{f.ProfileKey}"], l[$"weekday.{f.Weekday}"], f.Hours]);

    /// <summary>The national-rule findings of the rules in force in the week of <paramref name="date"/>.</summary>
    public async Task<List<FindingDto>> ComplianceAsync(DateOnly? date, CancellationToken ct = default)
    {
        var s = await runtime.FreshAsync(ct);
        return NationalRules.Check(s.Engine, NationalRules.MondayOf(date ?? clock.Today())).Select(ToDto).ToList();
    }

    /// <summary>Who may enter the zone: one row per standard vehicle profile, 7 × 24 cells (0 allowed, 1 partly, 2 forbidden).</summary>
    public async Task<MatrixDto?> MatrixAsync(int zoneId, DateOnly? date, CancellationToken ct = default)
    {
        var s = await runtime.FreshAsync(ct);
        var z = s.Engine.IndexOf(zoneId);
        if (z < 0) return null;
        var monday = NationalRules.MondayOf(date ?? clock.Today());
        var zone = s.Engine.Zones[z];
        return new MatrixDto(zoneId, zone.Name, zone.Kind.ToString(), monday,
            AccessProfiles.Standard.Select(p => new MatrixRow(p.Key, l[$"access.profile.{p.Key}"], s.Engine.WeekMatrix(z, p.Facts, monday).Select(b => (int)b).ToList())).ToList());
    }

    // ------------------------------------------------------------------ checks

    sealed record PlateFacts(int VehicleId, string Plate, int? EnterpriseId, VehicleFacts Facts);

    async Task<Dictionary<string, PlateFacts>> VehiclesAsync(AppDbContext db, IEnumerable<string> plates, UserContext user, CancellationToken ct)
    {
        var list = plates.Select(PlateRules.Normalize).Distinct().ToList();
        var q = db.Vehicles.AsNoTracking().Where(v => list.Contains(v.Plate));
        if (user.IsEnterpriseOnly) q = q.Where(v => v.OwnerEnterpriseId == user.EnterpriseId);
        var rows = await q.Select(v => new { v.Id, v.Plate, v.OwnerEnterpriseId, v.Class, v.Energy, v.GrossWeightKg, v.Emission, v.ColdChain }).ToListAsync(ct);
        return rows.ToDictionary(v => v.Plate, v => new PlateFacts(v.Id, v.Plate, v.OwnerEnterpriseId, new VehicleFacts(v.Class, v.Energy, v.GrossWeightKg, v.Emission, v.ColdChain)));
    }

    /// <summary>
    /// Checks positions of registered vehicles (by plate) at times: a result per input, or a field error for the
    /// input's index. Passes approved for the vehicles are taken into account.
    /// </summary>
    public async Task<(List<AccessCheckResult?> Results, FieldErrors Errors)> CheckAsync(IReadOnlyList<AccessCheckIn> inputs, UserContext user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var prefix = inputs.Count > 1;
        string F(int i, string field) => prefix ? $"[{i}].{field}" : field;
        for (var i = 0; i < inputs.Count; i++)
        {
            var x = inputs[i];
            if (string.IsNullOrWhiteSpace(x.Plate)) errors.Add(F(i, "plate"), "field.required");
            if (x.Lon is not (>= -180 and <= 180)) errors.Add(F(i, "lon"), x.Lon is null ? "field.required" : "geo.range");
            if (x.Lat is not (>= -90 and <= 90)) errors.Add(F(i, "lat"), x.Lat is null ? "field.required" : "geo.range");
        }
        if (!errors.Ok) return ([], errors);
        var snapshot = await runtime.FreshAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var vehicles = await VehiclesAsync(db, inputs.Select(i => i.Plate!), user, ct);
        var grants = await AccessRuntime.LoadGrantsAsync(db, vehicles.Values.Select(v => v.VehicleId).ToList(), clock.Today().AddDays(-400), ct);
        var passIds = grants.Values.SelectMany(g => g).Select(g => g.Tag).Distinct().ToList();
        var passes = await db.Passes.AsNoTracking().Where(p => passIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new PassRefDto(p.Id, p.Number, p.ValidFrom, p.ValidTo), ct);
        var now = clock.GetUtcNow();
        var results = new List<AccessCheckResult?>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var x = inputs[i];
            if (!vehicles.TryGetValue(PlateRules.Normalize(x.Plate!), out var v))
            {
                errors.Add(F(i, "plate"), "positions.vehicle.unknown", PlateRules.Normalize(x.Plate!));
                results.Add(null);
                continue;
            }
            var at = x.At ?? now;
            var facts = v.Facts with { Emergency = x.Emergency == true };
            var d = snapshot.Engine.Check(facts, x.Lon!.Value, x.Lat!.Value, at, grants.TryGetValue(v.VehicleId, out var g) ? g : []);
            results.Add(Describe(snapshot, d, v.Plate, at, x.Lon.Value, x.Lat.Value, d.PassTag >= 0 ? passes.GetValueOrDefault(d.PassTag) : null));
        }
        return (results, errors);
    }

    /// <summary>The decision as the API tells it, with the reason in Chinese and English.</summary>
    public AccessCheckResult Describe(AccessSnapshot s, AccessDecision d, string? plate, DateTimeOffset at, double lon, double lat, PassRefDto? pass)
    {
        var zone = d.Zone >= 0 ? s.Engine.Zones[d.Zone] : null;
        var rule = d.Rule >= 0 ? s.Engine.Rules[d.Rule] : null;
        var when = d.Window.IsAllDay ? null : d.Window.ToString().Replace('-', '–');
        object?[] args = [zone?.Name, rule?.Name, when, pass?.Number];
        string Text(System.Globalization.CultureInfo c)
        {
            var key = $"access.reason.{d.Reason}{(d.Reason is AccessReason.Forbidden && when is null ? ".allday" : "")}";
            return l.In(c, key, args);
        }
        var china = at.ToOffset(TimeSpan.FromHours(8));
        return new AccessCheckResult(d.Allowed, plate, china, lon, lat, zone is null ? null : new RefDto(zone.Id, zone.Name), zone?.Kind.ToString(),
            rule is null ? null : new RefDto(rule.Id, rule.Name), rule?.PolicyId,
            new ReasonDto(d.Reason.ToString(), Text(Localizer.Chinese), Text(Localizer.English)), pass);
    }

    /// <summary>For the route planner over HTTP: the zones forbidding a vehicle at which times of a date.</summary>
    public async Task<List<WindowDto>> WindowsAsync(VehicleFacts facts, DateOnly date, CancellationToken ct = default)
    {
        var s = await runtime.FreshAsync(ct);
        return s.Engine.ForbiddenWindows(facts, date).Select(w => new WindowDto(w.ZoneId, w.Name, w.Kind.ToString(), w.Forbidden.Select(f => f.ToString()).ToList())).ToList();
    }

    public async Task<VehicleFacts?> FactsByPlateAsync(string plate, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await VehiclesAsync(db, [plate], user, ct)).Values.FirstOrDefault()?.Facts;
    }

    // ------------------------------------------------------------------ settings

    public async Task<AccessSettings> SettingsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AccessSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new AccessSettings();
    }

    public async Task<Outcome<AccessSettings>> SaveSettingsAsync(AccessSettings input, UserContext user, CancellationToken ct = default)
    {
        if (!MayEdit(user)) return Outcome<AccessSettings>.Forbidden;
        var errors = new FieldErrors();
        RegistryRules.Range(errors, "reviewWorkingDays", input.ReviewWorkingDays, 1, 30);
        RegistryRules.Range(errors, "reviewWorkingDaysGreen", input.ReviewWorkingDaysGreen, 1, 30);
        RegistryRules.Range(errors, "temporaryLeadHours", input.TemporaryLeadHours, 0, 168);
        RegistryRules.Range(errors, "temporaryLeadHoursGreen", input.TemporaryLeadHoursGreen, 0, 168);
        errors.AddIf(input.ReviewWorkingDaysGreen > input.ReviewWorkingDays, "reviewWorkingDaysGreen", "access.settings.green");
        errors.AddIf(input.TemporaryLeadHoursGreen > input.TemporaryLeadHours, "temporaryLeadHoursGreen", "access.settings.green");
        if (!errors.Ok) return Outcome<AccessSettings>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.AccessSettings.FirstAsync(ct);
        s.ColdChainAsNewEnergy = input.ColdChainAsNewEnergy;
        s.ReviewWorkingDays = input.ReviewWorkingDays;
        s.ReviewWorkingDaysGreen = input.ReviewWorkingDaysGreen;
        s.TemporaryLeadHours = input.TemporaryLeadHours;
        s.TemporaryLeadHoursGreen = input.TemporaryLeadHoursGreen;
        s.AnnualForGreenOnly = input.AnnualForGreenOnly;
        db.AuditUser = user.UserName;
        await SaveBumpedAsync(db, ct);
        await runtime.ReloadAsync(ct);
        return Outcome<AccessSettings>.Ok(s);
    }

    public static string Wkt(Geometry g) => Data.Configurations.GeometryConverters.ToWkt(g);

    public static string Num(double d) => d.ToString("0.######", CultureInfo.InvariantCulture);
}
