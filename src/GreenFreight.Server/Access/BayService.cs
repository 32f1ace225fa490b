using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.EntityFrameworkCore;
using PlateRules = GreenFreight.Domain.Validation.Plate;

namespace GreenFreight.Server.Access;

public sealed record ReserveIn(int? FacilityId, int? VehicleId, string? Plate, DateTimeOffset? Start, int? Minutes);

public sealed record WalkInIn(int? FacilityId, string? Plate);

public sealed record VisitDto(int Id, int FacilityId, string FacilityName, string FacilityKind, int? EnterpriseId, string Plate, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd,
    int? Space, string Status, DateTimeOffset? CheckInAt, DateTimeOffset? CheckOutAt, bool FreeStay, int? MaxStayMinutes, bool Overstay, double? StayedMinutes, string CreatedBy);

public sealed record OccupancyDto(int FacilityId, string Name, string Kind, string? Address, double? Lon, double? Lat, int Spaces, int CheckedIn, int Dwelling,
    int BookedNow, int Free, int? MaxStayMinutes, string? OpenHours, int Overstays, bool IsDemo);

public sealed record SlotDto(DateTimeOffset Start, int Free);

/// <summary>
/// Loading bays and free-stay parking: reservations by 30-minute slot (a unique claim per bay, slot and space in the
/// database, so concurrent requests on any number of instances never double-book), check-in / check-out, live
/// occupancy (check-ins plus vehicles dwelling at the bay by their shared live positions), and overstays.
/// </summary>
public sealed class BayService(IDbContextFactory<AppDbContext> dbFactory, AccessRuntime runtime, TimeProvider clock, ILogger<BayService> log)
{
    public const int SlotMinutes = 30;
    const long SlotMs = SlotMinutes * 60_000L;
    public const double DwellRadiusMetres = 40, DwellSpeedKmh = 5;
    static readonly TimeSpan China = TimeSpan.FromHours(8);
    const string LawEnforcementUnit = "ZHZFJ";

    static bool IsBayKind(FacilityKind k) => k is FacilityKind.LoadingBay or FacilityKind.FreeParking;

    /// <summary>Police and office manage all visits; the 区综合执法局 handles the free-stay parking areas.</summary>
    static async Task<bool> ManagesAsync(AppDbContext db, UserContext u, Facility f, CancellationToken ct) =>
        u.IsOffice || u.IsPolice
        || u.IsUnit && f.Kind == FacilityKind.FreeParking && u.UnitId is { } unit && await db.Units.AnyAsync(x => x.Id == unit && x.Code == LawEnforcementUnit, ct);

    VisitDto ToDto(BayVisit v, Facility f)
    {
        var now = clock.GetUtcNow();
        double? stayed = v.CheckInAt is { } a ? ((v.CheckOutAt ?? now) - a).TotalMinutes : null;
        var over = v.Status == VisitStatus.CheckedIn && f.MaxStayMinutes is { } max && stayed > max;
        DateTimeOffset? T(long? ms) => ms is { } x ? DateTimeOffset.FromUnixTimeMilliseconds(x).ToOffset(China) : null;
        return new VisitDto(v.Id, f.Id, f.Name, f.Kind.ToString(), v.EnterpriseId, v.Plate, T(v.SlotStartMs), T(v.SlotEndMs), v.Space, v.Status.ToString(),
            v.CheckInAt?.ToOffset(China), v.CheckOutAt?.ToOffset(China), v.FreeStay, f.MaxStayMinutes, over, stayed is { } s ? Math.Round(s, 1) : null, v.CreatedBy);
    }

    public async Task<List<VisitDto>> VisitsAsync(UserContext user, int? facilityId, bool activeOnly, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.BayVisits.AsNoTracking();
        if (user.IsEnterpriseOnly) q = q.Where(v => v.EnterpriseId == user.EnterpriseId);
        else if (!user.IsGovernment) return [];
        if (facilityId is { } fid) q = q.Where(v => v.FacilityId == fid);
        if (activeOnly) q = q.Where(v => v.Status == VisitStatus.Booked || v.Status == VisitStatus.CheckedIn);
        var list = await q.OrderByDescending(v => v.Id).Take(500).ToListAsync(ct);
        var ids = list.Select(v => v.FacilityId).Distinct().ToList();
        var facilities = await db.Facilities.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        return list.Select(v => ToDto(v, facilities[v.FacilityId])).ToList();
    }

    async Task<Vehicle?> VehicleAsync(AppDbContext db, int? id, string? plate, UserContext user, CancellationToken ct)
    {
        Vehicle? v = id is { } vid ? await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == vid, ct)
            : string.IsNullOrWhiteSpace(plate) ? null : await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(x => x.Plate == PlateRules.Normalize(plate), ct);
        return v is not null && user.IsEnterpriseOnly && v.OwnerEnterpriseId != user.EnterpriseId ? null : v;
    }

    /// <summary>Reserves the first free space of a bay for the slots from <c>start</c> for <c>minutes</c> (multiples of 30, up to the bay's maximum stay).</summary>
    public async Task<Outcome<VisitDto>> ReserveAsync(ReserveIn input, UserContext user, CancellationToken ct = default)
    {
        if (!(user.IsEnterpriseOnly || user.IsOffice || user.IsPolice)) return Outcome<VisitDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        var f = input.FacilityId is { } fid ? await db.Facilities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fid, ct) : null;
        var today = clock.Today();
        if (f is null || f.Kind != FacilityKind.LoadingBay) errors.Add("facilityId", "bay.unknown");
        else if (!f.IsOperatingOn(today) || f.Spaces is not > 0) errors.Add("facilityId", "bay.closed");
        var v = await VehicleAsync(db, input.VehicleId, input.Plate, user, ct);
        if (v is null) errors.Add("vehicleId", "pass.vehicle.unknown");
        var now = clock.GetUtcNow();
        if (input.Start is not { } start) errors.Add("start", "field.required");
        else
        {
            var local = start.ToOffset(China);
            if (local.Minute % SlotMinutes != 0 || local.Second != 0) errors.Add("start", "bay.slot.align", SlotMinutes);
            if (start < now.AddMinutes(-SlotMinutes)) errors.Add("start", "bay.slot.past");
            if (start > now.AddDays(14)) errors.Add("start", "bay.slot.far", 14);
        }
        if (input.Minutes is not { } minutes || minutes <= 0 || minutes % SlotMinutes != 0) errors.Add("minutes", "bay.slot.length", SlotMinutes);
        else if (f?.MaxStayMinutes is { } max && minutes > max) errors.Add("minutes", "bay.slot.max", max);
        if (errors.Ok && f!.OpenFrom is { } open && f.OpenTo is { } close)
        {
            var a = TimeOnly.FromDateTime(input.Start!.Value.ToOffset(China).DateTime);
            var b = a.AddMinutes(input.Minutes!.Value);
            var inside = open < close ? a >= open && b <= close && b > a : a >= open || b <= close;
            if (!inside) errors.Add("start", "bay.slot.hours", $"{open:HH\\:mm}–{close:HH\\:mm}");
        }
        if (!errors.Ok) return Outcome<VisitDto>.Invalid(errors);

        var startMs = input.Start!.Value.ToUnixTimeMilliseconds();
        var slots = input.Minutes!.Value / SlotMinutes;
        // Try the spaces in turn; the unique claim (bay, slot, space) refuses a space another request took meanwhile.
        for (var space = 1; space <= f!.Spaces!.Value; space++)
        {
            if (await db.BaySlotClaims.AnyAsync(c => c.FacilityId == f.Id && c.Space == space && c.SlotStartMs >= startMs && c.SlotStartMs < startMs + slots * SlotMs, ct)) continue;
            var visit = new BayVisit
            {
                FacilityId = f.Id, EnterpriseId = v!.OwnerEnterpriseId, VehicleId = v.Id, Plate = v.Plate, SlotStartMs = startMs, SlotEndMs = startMs + slots * SlotMs,
                Space = space, Status = VisitStatus.Booked, CreatedAt = now, CreatedBy = user.UserName,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                db.BayVisits.Add(visit);
                db.AuditUser = user.UserName;
                await db.SaveChangesAsync(ct);
                for (var k = 0; k < slots; k++) db.BaySlotClaims.Add(new BaySlotClaim { FacilityId = f.Id, SlotStartMs = startMs + k * SlotMs, Space = space, VisitId = visit.Id });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return Outcome<VisitDto>.Ok(ToDto(visit, f));
            }
            catch (DbUpdateException ex)
            {
                log.LogDebug(ex, "Space {Space} of bay {Bay} was taken meanwhile", space, f.Id);
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        return Outcome<VisitDto>.Conflict("bay.full");
    }

    async Task<(BayVisit? Visit, Facility? Facility, bool Allowed)> LoadAsync(AppDbContext db, int id, UserContext user, CancellationToken ct)
    {
        var v = await db.BayVisits.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (v is null) return (null, null, false);
        var f = await db.Facilities.AsNoTracking().FirstAsync(x => x.Id == v.FacilityId, ct);
        var own = user.IsEnterpriseOnly && v.EnterpriseId == user.EnterpriseId;
        if (user.IsEnterpriseOnly && !own) return (null, null, false);
        return (v, f, own || await ManagesAsync(db, user, f, ct));
    }

    async Task<Outcome<VisitDto>> ChangeAsync(int id, UserContext user, Func<BayVisit, string?> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (v, f, allowed) = await LoadAsync(db, id, user, ct);
        if (v is null) return Outcome<VisitDto>.NotFound;
        if (!allowed) return Outcome<VisitDto>.Forbidden;
        if (change(v) is { } conflict) return Outcome<VisitDto>.Conflict(conflict);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        // A cancelled reservation frees all its slots; leaving early frees the slots still ahead.
        if (v.Status == VisitStatus.Cancelled)
            await db.BaySlotClaims.Where(c => c.VisitId == v.Id).ExecuteDeleteAsync(ct);
        else if (v.Status == VisitStatus.Completed)
        {
            var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await db.BaySlotClaims.Where(c => c.VisitId == v.Id && c.SlotStartMs > nowMs).ExecuteDeleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return Outcome<VisitDto>.Ok(ToDto(v, f!));
    }

    public Task<Outcome<VisitDto>> CancelAsync(int id, UserContext user, CancellationToken ct = default) =>
        ChangeAsync(id, user, v =>
        {
            if (v.Status != VisitStatus.Booked) return "bay.state";
            v.Status = VisitStatus.Cancelled;
            return null;
        }, ct);

    public Task<Outcome<VisitDto>> CheckInAsync(int id, UserContext user, CancellationToken ct = default) =>
        ChangeAsync(id, user, v =>
        {
            if (v.Status != VisitStatus.Booked) return "bay.state";
            v.Status = VisitStatus.CheckedIn;
            v.CheckInAt = clock.GetUtcNow();
            return null;
        }, ct);

    public Task<Outcome<VisitDto>> CheckOutAsync(int id, UserContext user, CancellationToken ct = default) =>
        ChangeAsync(id, user, v =>
        {
            if (v.Status != VisitStatus.CheckedIn) return "bay.state";
            v.Status = VisitStatus.Completed;
            v.CheckOutAt = clock.GetUtcNow();
            return null;
        }, ct);

    /// <summary>A vehicle arrives without a reservation (bays and free-stay parking). Green delivery vehicles get the free stay.</summary>
    public async Task<Outcome<VisitDto>> WalkInAsync(WalkInIn input, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        var f = input.FacilityId is { } fid ? await db.Facilities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fid, ct) : null;
        if (f is null || !IsBayKind(f.Kind)) { errors.Add("facilityId", "bay.unknown"); return Outcome<VisitDto>.Invalid(errors); }
        if (!f.IsOperatingOn(clock.Today())) errors.Add("facilityId", "bay.closed");
        var plate = string.IsNullOrWhiteSpace(input.Plate) ? null : PlateRules.Normalize(input.Plate);
        errors.AddDomain("plate", PlateRules.Validate(plate));
        if (!errors.Ok) return Outcome<VisitDto>.Invalid(errors);
        var v = await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(x => x.Plate == plate, ct);
        if (user.IsEnterpriseOnly && (v is null || v.OwnerEnterpriseId != user.EnterpriseId)) return Outcome<VisitDto>.Invalid(new FieldErrors { new FieldError("plate", "pass.vehicle.unknown") });
        if (!user.IsEnterpriseOnly && !await ManagesAsync(db, user, f, ct)) return Outcome<VisitDto>.Forbidden;
        if (await db.BayVisits.AnyAsync(x => x.Plate == plate && x.Status == VisitStatus.CheckedIn, ct)) return Outcome<VisitDto>.Conflict("bay.already");
        var occupied = await db.BayVisits.CountAsync(x => x.FacilityId == f.Id && x.Status == VisitStatus.CheckedIn, ct);
        if (occupied >= (f.Spaces ?? 0)) return Outcome<VisitDto>.Conflict("bay.full");
        var settings = runtime.Current.Settings;
        var visit = new BayVisit
        {
            FacilityId = f.Id, EnterpriseId = v?.OwnerEnterpriseId, VehicleId = v?.Id, Plate = plate!, Status = VisitStatus.CheckedIn, CheckInAt = clock.GetUtcNow(),
            FreeStay = f.Kind == FacilityKind.FreeParking && v is not null && PassRules.IsGreen(v.Energy, v.ColdChain, settings),
            CreatedAt = clock.GetUtcNow(), CreatedBy = user.UserName,
        };
        db.BayVisits.Add(visit);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<VisitDto>.Ok(ToDto(visit, f));
    }

    /// <summary>Free spaces per 30-minute slot of one day (China time) at a bay.</summary>
    public async Task<List<SlotDto>?> SlotsAsync(int facilityId, DateOnly date, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var f = await db.Facilities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == facilityId && x.Kind == FacilityKind.LoadingBay, ct);
        if (f is null) return null;
        var dayStart = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), China);
        var a = dayStart.ToUnixTimeMilliseconds();
        var b = a + 86_400_000L;
        var taken = await db.BaySlotClaims.AsNoTracking().Where(c => c.FacilityId == f.Id && c.SlotStartMs >= a && c.SlotStartMs < b)
            .GroupBy(c => c.SlotStartMs).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var list = new List<SlotDto>();
        for (var k = 0; k < 48; k++)
        {
            var t = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(k * SlotMinutes));
            if (f.OpenFrom is { } o && f.OpenTo is { } c && !(o < c ? t >= o && t < c : t >= o || t < c)) continue;
            var ms = a + k * SlotMs;
            list.Add(new SlotDto(dayStart.AddMinutes(k * SlotMinutes), Math.Max(0, (f.Spaces ?? 0) - taken.GetValueOrDefault(ms))));
        }
        return list;
    }

    /// <summary>
    /// Live occupancy of every operating bay and free-stay parking area: vehicles checked in, plus vehicles whose last
    /// shared live position (any instance's, <c>vehicle_live</c>) is a slow fix within 40 m in the last 10 minutes;
    /// reservations holding a space now; the free spaces that leaves.
    /// </summary>
    public async Task<List<OccupancyDto>> OccupancyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var facilities = (await db.Facilities.AsNoTracking().Where(f => (f.Kind == FacilityKind.LoadingBay || f.Kind == FacilityKind.FreeParking) && f.Spaces != null)
            .ToListAsync(ct)).Where(f => f.IsOperatingOn(today)).ToList();
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var slot = nowMs - ((nowMs % SlotMs) + SlotMs) % SlotMs;
        var checkedIn = await db.BayVisits.AsNoTracking().Where(v => v.Status == VisitStatus.CheckedIn)
            .Select(v => new { v.FacilityId, v.VehicleId, v.CheckInAt }).ToListAsync(ct);
        var booked = await db.BaySlotClaims.AsNoTracking().Where(c => c.SlotStartMs == slot)
            .Join(db.BayVisits.Where(v => v.Status == VisitStatus.Booked), c => c.VisitId, v => v.Id, (c, v) => c.FacilityId).ToListAsync(ct);
        var since = nowMs - 10 * 60_000;
        var live = await db.VehicleLive.AsNoTracking().Where(l => l.FixTimeMs >= since && l.Latitude != null && l.SpeedKmh <= DwellSpeedKmh)
            .Select(l => new { l.VehicleId, l.Latitude, l.Longitude }).ToListAsync(ct);
        return facilities.Select(f =>
        {
            var here = checkedIn.Where(c => c.FacilityId == f.Id).ToList();
            var inIds = here.Where(h => h.VehicleId is not null).Select(h => h.VehicleId!.Value).ToHashSet();
            var dwelling = f.Location is null ? 0 : live.Count(l => !inIds.Contains(l.VehicleId)
                && PositionRules.DistanceKm(f.Location.Y, f.Location.X, l.Latitude!.Value, l.Longitude!.Value) * 1000 <= DwellRadiusMetres);
            var bookedNow = booked.Count(b => b == f.Id);
            var overstays = f.MaxStayMinutes is { } max ? here.Count(h => h.CheckInAt is { } a && (now - a).TotalMinutes > max) : 0;
            var free = Math.Max(0, f.Spaces!.Value - here.Count - dwelling - bookedNow);
            return new OccupancyDto(f.Id, f.Name, f.Kind.ToString(), f.Address, f.Location?.X, f.Location?.Y, f.Spaces.Value, here.Count, dwelling, bookedNow, free,
                f.MaxStayMinutes, f.OpenFrom is { } o && f.OpenTo is { } c ? $"{o:HH\\:mm}–{c:HH\\:mm}" : null, overstays, f.IsDemo);
        }).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToList();
    }

    /// <summary>Check-ins beyond the maximum stay (the overstay alerts; dwell overstays seen by tracking are alarms too).</summary>
    public async Task<List<VisitDto>> OverstaysAsync(UserContext user, CancellationToken ct = default) =>
        (await VisitsAsync(user, null, activeOnly: true, ct)).Where(v => v.Overstay).ToList();
}
