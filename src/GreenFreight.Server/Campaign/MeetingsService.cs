using GreenFreight.Domain.Campaign;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Meetings;

public sealed record AttendanceDto(int UnitId, string UnitName, bool Present, string? Representative);

public sealed record ActionItemDto(int Id, int Version, int MeetingId, string MeetingTitle, DateOnly MeetingDate, string Decision, int OwnerUnitId, string OwnerUnit,
    DateOnly DueDate, string Status, bool Overdue, string? Progress, DateOnly? DoneOn, string? UpdatedBy);

public sealed record MeetingDto(int Id, int Version, string Title, DateOnly Date, string? Location, string Agenda, string? Minutes, DateTimeOffset? PublishedAt,
    string CreatedBy, IReadOnlyList<AttendanceDto> Attendance, IReadOnlyList<ActionItemDto> ActionItems);

public sealed record AttendanceIn(int? UnitId, bool? Present, string? Representative);

public sealed record MeetingIn(string? Title, DateOnly? Date, string? Location, string? Agenda, string? Minutes, bool? Publish, IReadOnlyList<AttendanceIn>? Attendance, int? Version);

public sealed record ActionItemIn(string? Decision, int? OwnerUnitId, DateOnly? DueDate);

/// <summary>An owner unit's (or the office's) update of an action item.</summary>
public sealed record ActionItemUpdate(ActionItemStatus? Status, string? Progress, int? Version);

/// <summary>
/// Leading-group meetings (领导小组会议): the office records date, attendance, agenda and minutes and turns decisions into
/// action items; units read published meetings and update the action items they own.
/// </summary>
public sealed class MeetingsService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static bool MayRead(UserContext u) => u.IsGovernment;

    public static bool MayEdit(UserContext u) => u.IsOffice;

    IQueryable<Meeting> Scope(AppDbContext db, UserContext u) =>
        u.IsOffice ? db.Set<Meeting>() : u.IsGovernment ? db.Set<Meeting>().Where(m => m.PublishedAt != null) : db.Set<Meeting>().Where(_ => false);

    async Task<Dictionary<int, string>> UnitNamesAsync(AppDbContext db, CancellationToken ct) =>
        await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);

    ActionItemDto ToDto(ActionItem a, Meeting m, IReadOnlyDictionary<int, string> units, DateOnly today) =>
        new(a.Id, a.Version, a.MeetingId, m.Title, m.Date, a.Decision, a.OwnerUnitId, units.GetValueOrDefault(a.OwnerUnitId, $"#{a.OwnerUnitId}"), a.DueDate,
            a.Status.ToString(), a.IsOverdue(today), a.Progress, a.DoneOn, a.UpdatedBy);

    MeetingDto ToDto(Meeting m, IReadOnlyDictionary<int, string> units)
    {
        var today = clock.Today();
        return new MeetingDto(m.Id, m.Version, m.Title, m.Date, m.Location, m.Agenda, m.Minutes, m.PublishedAt, m.CreatedBy,
            m.Attendance.OrderBy(a => a.UnitId).Select(a => new AttendanceDto(a.UnitId, units.GetValueOrDefault(a.UnitId, $"#{a.UnitId}"), a.Present, a.Representative)).ToList(),
            m.ActionItems.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Select(a => ToDto(a, m, units, today)).ToList());
    }

    public async Task<List<MeetingDto>> ListAsync(UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await Scope(db, user).AsNoTracking().Include(m => m.Attendance).Include(m => m.ActionItems)
            .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).ToListAsync(ct);
        var units = await UnitNamesAsync(db, ct);
        return list.Select(m => ToDto(m, units)).ToList();
    }

    public async Task<MeetingDto?> GetAsync(int id, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await Scope(db, user).AsNoTracking().Include(x => x.Attendance).Include(x => x.ActionItems).FirstOrDefaultAsync(x => x.Id == id, ct);
        return m is null ? null : ToDto(m, await UnitNamesAsync(db, ct));
    }

    public async Task<Outcome<MeetingDto>> SaveAsync(int? id, MeetingIn input, UserContext user, CancellationToken ct = default)
    {
        if (!MayEdit(user)) return Outcome<MeetingDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitIds = await db.Units.Select(u => u.Id).ToListAsync(ct);
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "title", input.Title);
        RegistryRules.MaxLength(errors, "title", input.Title, 300);
        RegistryRules.Required(errors, "date", input.Date);
        RegistryRules.MaxLength(errors, "location", input.Location, 200);
        RegistryRules.Required(errors, "agenda", input.Agenda);
        RegistryRules.MaxLength(errors, "agenda", input.Agenda, 4000);
        RegistryRules.MaxLength(errors, "minutes", input.Minutes, 20_000);
        if (input.Date is { Year: < 2000 or > 2100 }) errors.Add("date", "date.format");
        var attendance = input.Attendance ?? [];
        for (var i = 0; i < attendance.Count; i++)
        {
            var a = attendance[i];
            if (a is null) { errors.Add($"attendance[{i}]", "field.required"); continue; }
            if (a.UnitId is not { } u || !unitIds.Contains(u)) errors.Add($"attendance[{i}].unitId", "user.unit.unknown");
            RegistryRules.MaxLength(errors, $"attendance[{i}].representative", a.Representative, 100);
        }
        if (attendance.Where(a => a?.UnitId is not null).GroupBy(a => a.UnitId).Any(g => g.Count() > 1)) errors.Add("attendance", "meeting.attendance.duplicate");
        if (input.Publish == true && string.IsNullOrWhiteSpace(input.Minutes)) errors.Add("minutes", "meeting.minutes.required");
        if (!errors.Ok) return Outcome<MeetingDto>.Invalid(errors);

        Meeting? m;
        if (id is { } mid)
        {
            m = await db.Set<Meeting>().Include(x => x.Attendance).FirstOrDefaultAsync(x => x.Id == mid, ct);
            if (m is null) return Outcome<MeetingDto>.NotFound;
            if (input.Version is { } v) db.Entry(m).Property(x => x.Version).OriginalValue = v;
        }
        else
        {
            m = new Meeting { CreatedBy = user.UserName };
            db.Set<Meeting>().Add(m);
        }
        m.Title = input.Title!.Trim();
        m.Date = input.Date!.Value;
        m.Location = RegistryRules.Clean(input.Location);
        m.Agenda = input.Agenda!.Trim();
        m.Minutes = RegistryRules.Clean(input.Minutes);
        if (input.Publish == true) m.PublishedAt ??= clock.GetUtcNow();
        else if (input.Publish == false) m.PublishedAt = null;
        // Attendance: one row per unit, replaced by what is sent.
        foreach (var old in m.Attendance.Where(o => attendance.All(a => a.UnitId != o.UnitId)).ToList()) m.Attendance.Remove(old);
        foreach (var a in attendance)
        {
            var row = m.Attendance.FirstOrDefault(x => x.UnitId == a.UnitId);
            if (row is null) m.Attendance.Add(row = new MeetingAttendance { UnitId = a.UnitId!.Value });
            row.Present = a.Present ?? true;
            row.Representative = RegistryRules.Clean(a.Representative);
        }
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<MeetingDto>.Conflict("record.changed"); }
        return Outcome<MeetingDto>.Ok((await GetAsync(m.Id, user, ct))!);
    }

    public async Task<Outcome<bool>> DeleteAsync(int id, UserContext user, CancellationToken ct = default)
    {
        if (!MayEdit(user)) return Outcome<bool>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Set<Meeting>().Include(x => x.Attendance).Include(x => x.ActionItems).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return Outcome<bool>.NotFound;
        db.Set<Meeting>().Remove(m);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>The office turns a decision into an action item for a unit.</summary>
    public async Task<Outcome<ActionItemDto>> AddActionItemAsync(int meetingId, ActionItemIn input, UserContext user, CancellationToken ct = default)
    {
        if (!MayEdit(user)) return Outcome<ActionItemDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == meetingId, ct);
        if (m is null) return Outcome<ActionItemDto>.NotFound;
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "decision", input.Decision);
        RegistryRules.MaxLength(errors, "decision", input.Decision, 2000);
        RegistryRules.Required(errors, "ownerUnitId", input.OwnerUnitId);
        if (input.OwnerUnitId is { } o && !await db.Units.AnyAsync(u => u.Id == o, ct)) errors.Add("ownerUnitId", "user.unit.unknown");
        RegistryRules.Required(errors, "dueDate", input.DueDate);
        RegistryRules.DateOrder(errors, "dueDate", m.Date, input.DueDate);
        if (!errors.Ok) return Outcome<ActionItemDto>.Invalid(errors);
        var a = new ActionItem { MeetingId = meetingId, Decision = input.Decision!.Trim(), OwnerUnitId = input.OwnerUnitId!.Value, DueDate = input.DueDate!.Value, Status = ActionItemStatus.Open };
        db.Set<ActionItem>().Add(a);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<ActionItemDto>.Ok(ToDto(a, m, await UnitNamesAsync(db, ct), clock.Today()));
    }

    /// <summary>
    /// Action items: the office sees all; a unit those of published meetings (<paramref name="mine"/>: only its own).
    /// </summary>
    public async Task<Outcome<List<ActionItemDto>>> ActionItemsAsync(UserContext user, bool mine, bool overdueOnly, ActionItemStatus? status, CancellationToken ct = default)
    {
        if (!MayRead(user)) return Outcome<List<ActionItemDto>>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meetings = await Scope(db, user).AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        var ids = meetings.Keys.ToList();
        var q = db.Set<ActionItem>().AsNoTracking().Where(a => ids.Contains(a.MeetingId));
        if (mine) q = q.Where(a => a.OwnerUnitId == user.UnitId);
        if (status is { } s) q = q.Where(a => a.Status == s);
        var today = clock.Today();
        if (overdueOnly) q = q.Where(a => a.Status == ActionItemStatus.Open && a.DueDate < today);
        var list = await q.OrderBy(a => a.DueDate).ThenBy(a => a.Id).ToListAsync(ct);
        var units = await UnitNamesAsync(db, ct);
        return Outcome<List<ActionItemDto>>.Ok(list.Select(a => ToDto(a, meetings[a.MeetingId], units, today)).ToList());
    }

    /// <summary>The owner unit (or the office) reports progress and marks an item done or reopens it.</summary>
    public async Task<Outcome<ActionItemDto>> UpdateActionItemAsync(int id, ActionItemUpdate input, UserContext user, CancellationToken ct = default)
    {
        if (!MayRead(user)) return Outcome<ActionItemDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.Set<ActionItem>().FirstOrDefaultAsync(x => x.Id == id, ct);
        var m = a is null ? null : await Scope(db, user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == a.MeetingId, ct);
        if (a is null || m is null) return Outcome<ActionItemDto>.NotFound;
        if (!(user.IsOffice || user.UnitId is { } u && u == a.OwnerUnitId)) return Outcome<ActionItemDto>.Forbidden;
        var errors = new FieldErrors();
        RegistryRules.Defined(errors, "status", input.Status);
        RegistryRules.MaxLength(errors, "progress", input.Progress, 2000);
        if (input.Status == ActionItemStatus.Done && string.IsNullOrWhiteSpace(input.Progress) && string.IsNullOrWhiteSpace(a.Progress)) errors.Add("progress", "meeting.progress.required");
        if (!errors.Ok) return Outcome<ActionItemDto>.Invalid(errors);
        if (input.Progress is not null) a.Progress = RegistryRules.Clean(input.Progress);
        if (input.Status is { } st && st != a.Status)
        {
            a.Status = st;
            a.DoneOn = st == ActionItemStatus.Done ? clock.Today() : null;
        }
        a.UpdatedBy = user.UserName;
        if (input.Version is { } v) db.Entry(a).Property(x => x.Version).OriginalValue = v;
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<ActionItemDto>.Conflict("record.changed"); }
        return Outcome<ActionItemDto>.Ok(ToDto(a, m, await UnitNamesAsync(db, ct), clock.Today()));
    }
}
