using GreenFreight.Domain.Campaign;
using GreenFreight.Domain.Indicators;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Indicators;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Campaigns;

using CampaignEntity = GreenFreight.Domain.Campaign.Campaign;

public sealed record CampaignDto(int Id, int Version, string Name, string? DocumentNumber, string? Goal, DateOnly StartsOn, DateOnly EndsOn,
    DateOnly? ExtendedTo, int ReportDueDays, int ReminderDaysBefore, bool IsActive, int TaskCount, int MemberCount);

public sealed record CampaignIn(string? Name, string? DocumentNumber, string? Goal, DateOnly? StartsOn, DateOnly? EndsOn, DateOnly? ExtendedTo,
    int? ReportDueDays, int? ReminderDaysBefore, bool? IsActive, int? Version);

public sealed record TaskUnitDto(int UnitId, string Unit, TaskUnitRole Role);

public sealed record TaskDto(int Id, int Version, int CampaignId, int? ParentId, string Number, string Title, string Content, string? UnitsText,
    string? TargetText, string? TargetIndicator, DateOnly? DueOn, int SortOrder, IReadOnlyList<TaskUnitDto> Units);

public sealed record TaskUnitIn(int UnitId, TaskUnitRole Role);

public sealed record TaskIn(int? CampaignId, int? ParentId, string? Number, string? Title, string? Content, string? TargetText, string? TargetIndicator,
    DateOnly? DueOn, int? SortOrder, IReadOnlyList<TaskUnitIn>? Units, int? Version);

public sealed record ProgressDto(int TaskId, string Task, TaskUnitRole Role, TaskProgressStatus Status, int Percent, string? Narrative);

/// <summary>A manual indicator of a report; <c>EntryStatus</c> says whether its entry counts (see <see cref="IndicatorEntryStatus"/>).</summary>
public sealed record ReportIndicatorDto(string Code, string Name, string Kind, decimal? Value, string? Checked, string? Description, int? EntryId,
    IndicatorEntryStatus? EntryStatus = null);

public sealed record ReportEventDto(DateTimeOffset At, string By, ReportStatus From, ReportStatus To, string? Comment);

public sealed record ReportSummaryDto(int Id, int CampaignId, int UnitId, string Unit, int Year, int Quarter, string Period, DateOnly OpensOn, DateOnly DueOn,
    ReportStatus Status, bool Overdue, DateTimeOffset? SubmittedAt, bool? OnTime);

public sealed record ReportDto(ReportSummaryDto Summary, int Version, string? Problems, string? NextPlan, string? ReturnComment,
    IReadOnlyList<ProgressDto> Progress, IReadOnlyList<ReportIndicatorDto> Indicators, IReadOnlyList<ReportEventDto> Events);

public sealed record ProgressIn(int TaskId, TaskProgressStatus? Status, int? Percent, string? Narrative);

public sealed record IndicatorValueIn(string Code, decimal? Value, string? Checked, string? Description);

public sealed record ReportIn(string? Problems, string? NextPlan, IReadOnlyList<ProgressIn>? Progress, IReadOnlyList<IndicatorValueIn>? Indicators, int? Version);

public sealed record ReviewIn(string? Comment);

public sealed record OpenIn(int? CampaignId, int? Year, int? Quarter);

/// <summary>Campaigns, tasks and quarterly reports.</summary>
public sealed class CampaignService(IDbContextFactory<AppDbContext> dbFactory, IndicatorService indicators, NotificationService notify, TimeProvider clock, ILogger<CampaignService> log)
{
    // ---------- campaigns ----------

    public async Task<List<CampaignDto>> CampaignsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.Campaigns.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var tasks = await db.CampaignTasks.GroupBy(t => t.CampaignId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var members = await db.CampaignMembers.GroupBy(t => t.CampaignId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return list.Select(c => ToDto(c, tasks.GetValueOrDefault(c.Id), members.GetValueOrDefault(c.Id))).ToList();
    }

    static CampaignDto ToDto(CampaignEntity c, int tasks, int members) =>
        new(c.Id, c.Version, c.Name, c.DocumentNumber, c.Goal, c.StartsOn, c.EndsOn, c.ExtendedTo, c.ReportDueDays, c.ReminderDaysBefore, c.IsActive, tasks, members);

    public async Task<Outcome<CampaignDto>> SaveCampaignAsync(int? id, CampaignIn d, UserContext user, CancellationToken ct)
    {
        if (!user.IsOffice) return Outcome<CampaignDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        CampaignEntity? c = null;
        if (id is { } cid && (c = await db.Campaigns.FirstOrDefaultAsync(x => x.Id == cid, ct)) is null) return Outcome<CampaignDto>.NotFound;
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "name", d.Name);
        RegistryRules.MaxLength(errors, "name", d.Name, 200);
        RegistryRules.MaxLength(errors, "documentNumber", d.DocumentNumber, 100);
        RegistryRules.MaxLength(errors, "goal", d.Goal, 4000);
        RegistryRules.Required(errors, "startsOn", d.StartsOn);
        RegistryRules.Required(errors, "endsOn", d.EndsOn);
        RegistryRules.DateOrder(errors, "endsOn", d.StartsOn, d.EndsOn);
        RegistryRules.DateOrder(errors, "extendedTo", d.EndsOn, d.ExtendedTo);
        if (d.ReportDueDays is { } dd) RegistryRules.Range(errors, "reportDueDays", dd, 1, 31);
        if (d.ReminderDaysBefore is { } rd) RegistryRules.Range(errors, "reminderDaysBefore", rd, 0, 30);
        if (!errors.Ok) return Outcome<CampaignDto>.Invalid(errors);
        if (c is not null && d.Version is { } v && v != c.Version) return Outcome<CampaignDto>.Conflict("record.changed");
        if (c is null)
        {
            c = new CampaignEntity();
            db.Campaigns.Add(c);
            // A new campaign's members: the member units and towns/streets with their registered duties.
            var order = 0;
            foreach (var u in await db.Units.Where(u => u.Kind != UnitKind.LeadingGroupOffice).OrderBy(u => u.SortOrder).ToListAsync(ct))
                c.Members.Add(new CampaignMember { UnitId = u.Id, Duties = u.Duties, SortOrder = order++ });
        }
        c.Name = d.Name!.Trim();
        c.DocumentNumber = RegistryRules.Clean(d.DocumentNumber);
        c.Goal = RegistryRules.Clean(d.Goal);
        c.StartsOn = d.StartsOn!.Value;
        c.EndsOn = d.EndsOn!.Value;
        c.ExtendedTo = d.ExtendedTo;
        c.ReportDueDays = d.ReportDueDays ?? c.ReportDueDays;
        c.ReminderDaysBefore = d.ReminderDaysBefore ?? c.ReminderDaysBefore;
        c.IsActive = d.IsActive ?? c.IsActive;
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<CampaignDto>.Conflict("record.changed"); }
        return Outcome<CampaignDto>.Ok(ToDto(c, await db.CampaignTasks.CountAsync(t => t.CampaignId == c.Id, ct), await db.CampaignMembers.CountAsync(m => m.CampaignId == c.Id, ct)));
    }

    public sealed record MemberDto(int UnitId, string Unit, UnitKind Kind, string Duties);

    public async Task<List<MemberDto>> MembersAsync(int campaignId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CampaignMembers.AsNoTracking().Where(m => m.CampaignId == campaignId).OrderBy(m => m.SortOrder)
            .Select(m => new MemberDto(m.UnitId, m.Unit!.Name, m.Unit.Kind, m.Duties)).ToListAsync(ct);
    }

    // ---------- tasks ----------

    /// <summary>Tasks of a campaign in the plan's order: the office sees all (optionally those of <paramref name="unitId"/>); a unit those it leads or shares (and their key tasks).</summary>
    public async Task<List<TaskDto>> TasksAsync(int campaignId, int? unitId, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = await db.CampaignTasks.AsNoTracking().Include(t => t.Units).ThenInclude(u => u.Unit)
            .Where(t => t.CampaignId == campaignId).ToListAsync(ct);
        tasks = TaskOrdering.Ordered(tasks);
        var codes = await db.IndicatorDefinitions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        var filter = user.IsOffice ? unitId : user.UnitId ?? -1;
        if (filter is { } f)
        {
            var mine = tasks.Where(t => t.Units.Any(u => u.UnitId == f)).ToList();
            var parents = mine.Where(t => t.ParentId is not null).Select(t => t.ParentId!.Value).ToHashSet();
            tasks = tasks.Where(t => mine.Contains(t) || parents.Contains(t.Id)).ToList();
        }
        return tasks.Select(t => ToDto(t, codes)).ToList();
    }

    static TaskDto ToDto(CampaignTask t, IReadOnlyDictionary<int, string> codes) =>
        new(t.Id, t.Version, t.CampaignId, t.ParentId, t.Number, t.Title, t.Content, t.UnitsText, t.TargetText,
            t.TargetIndicatorId is { } i ? codes.GetValueOrDefault(i) : null, t.DueOn, t.SortOrder,
            t.Units.OrderBy(u => u.Role).ThenBy(u => u.Unit?.SortOrder).Select(u => new TaskUnitDto(u.UnitId, u.Unit?.Name ?? "", u.Role)).ToList());

    public async Task<Outcome<TaskDto>> SaveTaskAsync(int? id, TaskIn d, UserContext user, CancellationToken ct)
    {
        if (!user.IsOffice) return Outcome<TaskDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        CampaignTask? t = null;
        if (id is { } tid && (t = await db.CampaignTasks.Include(x => x.Units).FirstOrDefaultAsync(x => x.Id == tid, ct)) is null) return Outcome<TaskDto>.NotFound;
        var errors = new FieldErrors();
        var campaignId = t?.CampaignId ?? d.CampaignId;
        if (t is null)
        {
            RegistryRules.Required(errors, "campaignId", d.CampaignId);
            if (d.CampaignId is { } c && !await db.Campaigns.AnyAsync(x => x.Id == c, ct)) errors.Add("campaignId", "campaign.unknown");
        }
        RegistryRules.Required(errors, "title", d.Title);
        RegistryRules.MaxLength(errors, "title", d.Title, 300);
        RegistryRules.MaxLength(errors, "number", d.Number, 20);
        RegistryRules.MaxLength(errors, "content", d.Content, 4000);
        RegistryRules.MaxLength(errors, "targetText", d.TargetText, 1000);
        if (d.ParentId is { } p && (p == id || !await db.CampaignTasks.AnyAsync(x => x.Id == p && x.CampaignId == campaignId && x.ParentId == null, ct)))
            errors.Add("parentId", "campaign.task.parent");
        int? indicatorId = null;
        if (!string.IsNullOrWhiteSpace(d.TargetIndicator))
        {
            indicatorId = await db.IndicatorDefinitions.Where(x => x.Code == d.TargetIndicator.Trim()).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
            errors.AddIf(indicatorId is null, "targetIndicator", "campaign.indicator.unknown", d.TargetIndicator);
        }
        var known = await db.Units.Select(u => u.Id).ToListAsync(ct);
        for (var i = 0; i < (d.Units?.Count ?? 0); i++)
        {
            var u = d.Units![i];
            if (u is null) { errors.Add($"units[{i}]", "field.required"); continue; }
            errors.AddIf(!known.Contains(u.UnitId), $"units[{i}].unitId", "campaign.unit.unknown", u.UnitId);
            RegistryRules.Defined(errors, $"units[{i}].role", u.Role);
        }
        var units = (d.Units ?? []).Where(u => u is not null).ToList();
        errors.AddIf(!units.Any(u => u.Role == TaskUnitRole.Lead), "units", "campaign.task.lead");
        if (!errors.Ok) return Outcome<TaskDto>.Invalid(errors);
        if (t is not null && d.Version is { } v && v != t.Version) return Outcome<TaskDto>.Conflict("record.changed");
        if (t is null)
        {
            t = new CampaignTask { CampaignId = campaignId!.Value };
            db.CampaignTasks.Add(t);
        }
        t.ParentId = d.ParentId;
        t.Number = d.Number?.Trim() ?? "";
        t.Title = d.Title!.Trim();
        t.Content = d.Content?.Trim() ?? "";
        t.TargetText = RegistryRules.Clean(d.TargetText);
        t.TargetIndicatorId = indicatorId;
        t.DueOn = d.DueOn;
        t.SortOrder = d.SortOrder ?? (t.SortOrder == 0 ? (await db.CampaignTasks.Where(x => x.CampaignId == t.CampaignId).MaxAsync(x => (int?)x.SortOrder, ct) ?? 0) + 1 : t.SortOrder);
        t.Units.RemoveAll(x => units.All(u => u.UnitId != x.UnitId));
        foreach (var u in units.DistinctBy(u => u.UnitId))
        {
            if (t.Units.FirstOrDefault(x => x.UnitId == u.UnitId) is { } existing) existing.Role = u.Role;
            else t.Units.Add(new CampaignTaskUnit { UnitId = u.UnitId, Role = u.Role });
        }
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<TaskDto>.Conflict("record.changed"); }
        var codes = await db.IndicatorDefinitions.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Code, ct);
        var saved = await db.CampaignTasks.AsNoTracking().Include(x => x.Units).ThenInclude(u => u.Unit).FirstAsync(x => x.Id == t.Id, ct);
        return Outcome<TaskDto>.Ok(ToDto(saved, codes));
    }

    // ---------- reports ----------

    /// <summary>Opens the reports about one quarter for every member of a campaign (idempotent). Returns how many were created.</summary>
    public async Task<Outcome<int>> OpenAsync(OpenIn d, UserContext user, CancellationToken ct)
    {
        if (!user.IsOffice) return Outcome<int>.Forbidden;
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "campaignId", d.CampaignId);
        RegistryRules.Required(errors, "year", d.Year);
        RegistryRules.Required(errors, "quarter", d.Quarter);
        if (d.Quarter is { } q) RegistryRules.Range(errors, "quarter", q, 1, 4);
        if (d.Year is { } y) RegistryRules.Range(errors, "year", y, 2000, 2100);
        if (!errors.Ok) return Outcome<int>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == d.CampaignId, ct);
        if (c is null) return Outcome<int>.NotFound;
        var quarter = new QuarterId(d.Year!.Value, d.Quarter!.Value);
        if (quarter.LastDay < c.StartsOn || quarter.FirstDay > c.EffectiveEnd) return Outcome<int>.Invalid(new FieldErrors { new FieldError("quarter", "campaign.quarter.outside") });
        return Outcome<int>.Ok(await OpenQuarterAsync(c, quarter, user.UserName, ct));
    }

    async Task<int> OpenQuarterAsync(CampaignEntity c, QuarterId q, string by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = await db.CampaignMembers.Where(m => m.CampaignId == c.Id).Select(m => m.UnitId).ToListAsync(ct);
        var existing = await db.QuarterlyReports.Where(r => r.CampaignId == c.Id && r.Year == q.Year && r.Quarter == q.Quarter).Select(r => r.UnitId).ToListAsync(ct);
        var tasks = await db.CampaignTaskUnits.Where(tu => db.CampaignTasks.Any(t => t.Id == tu.TaskId && t.CampaignId == c.Id)).ToListAsync(ct);
        var created = new List<QuarterlyReport>();
        foreach (var unit in members.Except(existing))
        {
            var r = new QuarterlyReport
            {
                CampaignId = c.Id, UnitId = unit, Year = q.Year, Quarter = q.Quarter, OpensOn = ReportingPeriods.OpensOn(q),
                DueOn = ReportingPeriods.DueOn(q, c.ReportDueDays), Status = ReportStatus.Draft,
            };
            foreach (var tu in tasks.Where(t => t.UnitId == unit))
                r.Progress.Add(new ReportTaskProgress { TaskId = tu.TaskId, Status = TaskProgressStatus.InProgress });
            db.QuarterlyReports.Add(r);
            created.Add(r);
        }
        if (created.Count == 0) return 0;
        db.AuditUser = by;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another instance opened them at the same time (the unique index on campaign, unit, year and quarter); anything else propagates.
            log.LogInformation("Reports of {Quarter} of campaign {Campaign} were opened by another instance meanwhile", q, c.Id);
            return 0;
        }
        foreach (var r in created)
            await notify.NotifyAsync(new NotificationMessage($"请填报{q}工作开展情况表", $"{q}工作开展情况表已开放，请于{r.DueOn:yyyy年M月d日}前报送。", $"/campaign/reports/{r.Id}", $"report-open-{r.Id}"),
                await notify.UnitUsersAsync(r.UnitId, ct), ct);
        return created.Count;
    }

    /// <summary>The daily round: opens the latest due quarter of each active campaign, sends reminders and tells the office about late reports.</summary>
    public async Task RunScheduleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = clock.Today();
        List<CampaignEntity> campaigns;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            campaigns = await db.Campaigns.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
        foreach (var c in campaigns)
        {
            var q = ReportingPeriods.ReportedQuarterOn(today);
            if (q.LastDay >= c.StartsOn && q.FirstDay <= c.EffectiveEnd) await OpenQuarterAsync(c, q, "system", ct);
            List<QuarterlyReport> open;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
                open = await db.QuarterlyReports.AsNoTracking().Include(r => r.Unit)
                    .Where(r => r.CampaignId == c.Id && (r.Status == ReportStatus.Draft || r.Status == ReportStatus.Returned)).ToListAsync(ct);
            foreach (var r in open)
            {
                var period = new QuarterId(r.Year, r.Quarter);
                if (ReportingPeriods.NeedsReminder(r.Status, r.DueOn, c.ReminderDaysBefore, now))
                    await notify.NotifyAsync(new NotificationMessage($"提醒：{period}工作开展情况表将于{r.DueOn:M月d日}截止", "请尽快填写并报送。", $"/campaign/reports/{r.Id}", $"report-remind-{r.Id}-{r.DueOn:yyyyMMdd}"),
                        await notify.UnitUsersAsync(r.UnitId, ct), ct);
                if (ReportingPeriods.IsOverdue(r.Status, r.DueOn, now))
                {
                    await notify.NotifyAsync(new NotificationMessage($"{period}工作开展情况表已逾期", $"{r.Unit?.Name}未在{r.DueOn:yyyy年M月d日}前报送。", $"/campaign/reports/{r.Id}", $"report-overdue-{r.Id}"),
                        await notify.OfficeUsersAsync(ct), ct);
                    await notify.NotifyAsync(new NotificationMessage($"{period}工作开展情况表已逾期", "请立即报送。", $"/campaign/reports/{r.Id}", $"report-overdue-{r.Id}"),
                        await notify.UnitUsersAsync(r.UnitId, ct), ct);
                }
            }
        }
    }

    ReportSummaryDto Summary(QuarterlyReport r, DateTimeOffset now) =>
        new(r.Id, r.CampaignId, r.UnitId, r.Unit?.Name ?? "", r.Year, r.Quarter, new QuarterId(r.Year, r.Quarter).ToString(), r.OpensOn, r.DueOn, r.Status,
            ReportingPeriods.IsOverdue(r.Status, r.DueOn, now), r.SubmittedAt,
            r.FirstSubmittedAt is null ? null : ReportingPeriods.WasOnTime(r.FirstSubmittedAt, r.DueOn));

    /// <summary>Reports: a unit sees its own, the office all (filters: campaign, year, quarter, status, unit, overdue).</summary>
    public async Task<List<ReportSummaryDto>> ReportsAsync(UserContext user, int? campaignId, int? year, int? quarter, ReportStatus? status, int? unitId, bool overdue, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.QuarterlyReports.AsNoTracking().Include(r => r.Unit).AsQueryable();
        if (!user.IsOffice) q = q.Where(r => r.UnitId == (user.UnitId ?? -1));
        if (campaignId is { } c) q = q.Where(r => r.CampaignId == c);
        if (year is { } y) q = q.Where(r => r.Year == y);
        if (quarter is { } qq) q = q.Where(r => r.Quarter == qq);
        if (status is { } s) q = q.Where(r => r.Status == s);
        if (unitId is { } u) q = q.Where(r => r.UnitId == u);
        var now = clock.GetUtcNow();
        var list = (await q.ToListAsync(ct)).OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).ThenBy(r => r.Unit?.SortOrder).Select(r => Summary(r, now));
        if (overdue) list = list.Where(r => r.Overdue);
        return list.ToList();
    }

    async Task<QuarterlyReport?> LoadAsync(AppDbContext db, int id, UserContext user, CancellationToken ct)
    {
        var r = await db.QuarterlyReports.Include(x => x.Unit).Include(x => x.Progress).Include(x => x.IndicatorValues).Include(x => x.Events)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        // Another unit's report does not exist for this user (404, not 403: its existence is not disclosed).
        return r is null || !user.IsOffice && r.UnitId != user.UnitId ? null : r;
    }

    public async Task<ReportDto?> ReportAsync(int id, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, user, ct);
        return r is null ? null : await ToDtoAsync(db, r, ct);
    }

    async Task<ReportDto> ToDtoAsync(AppDbContext db, QuarterlyReport r, CancellationToken ct)
    {
        var taskIds = r.Progress.Select(p => p.TaskId).ToList();
        // One read: the report's tasks, and the campaign's for the plan's order.
        var read = await db.CampaignTasks.AsNoTracking().Include(t => t.Units).Where(t => t.CampaignId == r.CampaignId || taskIds.Contains(t.Id)).ToListAsync(ct);
        var tasks = read.Where(t => taskIds.Contains(t.Id)).ToDictionary(t => t.Id);
        var rank = TaskOrdering.Ranks(read.Where(t => t.CampaignId == r.CampaignId));
        var defs = await OwnedManualIndicatorsAsync(db, r.UnitId, ct);
        var progress = r.Progress.Where(p => tasks.ContainsKey(p.TaskId)).OrderBy(p => rank.GetValueOrDefault(p.TaskId, int.MaxValue)).Select(p =>
        {
            var t = tasks[p.TaskId];
            return new ProgressDto(p.TaskId, $"{t.Number}{t.Title}", t.Units.FirstOrDefault(u => u.UnitId == r.UnitId)?.Role ?? TaskUnitRole.Responsible, p.Status, p.Percent, p.Narrative);
        }).ToList();
        var entryIds = r.IndicatorValues.Where(v => v.EntryId is not null).Select(v => v.EntryId!.Value).ToList();
        var statuses = await db.IndicatorEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Status, ct);
        var values = defs.Select(d =>
        {
            var v = r.IndicatorValues.FirstOrDefault(x => x.DefinitionId == d.Id);
            return new ReportIndicatorDto(d.Code, d.NameZh, d.Kind.ToString(), v?.Value, v?.Checked, v?.Description, v?.EntryId,
                v?.EntryId is { } eid && statuses.TryGetValue(eid, out var st) ? st : null);
        }).ToList();
        return new ReportDto(Summary(r, clock.GetUtcNow()), r.Version, r.Problems, r.NextPlan, r.ReturnComment, progress, values,
            r.Events.OrderBy(e => e.At).Select(e => new ReportEventDto(e.At, e.By, e.From, e.To, e.Comment)).ToList());
    }

    static Task<List<Domain.Indicators.IndicatorDefinition>> OwnedManualIndicatorsAsync(AppDbContext db, int unitId, CancellationToken ct) =>
        db.IndicatorDefinitions.AsNoTracking().Where(d => d.OwnerUnitId == unitId && d.Source == Domain.Indicators.IndicatorSource.Manual)
            .OrderBy(d => d.SortOrder).ToListAsync(ct);

    /// <summary>The unit edits its own draft or returned report.</summary>
    public async Task<Outcome<ReportDto>> SaveReportAsync(int id, ReportIn d, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, user, ct);
        if (r is null) return Outcome<ReportDto>.NotFound;
        if (r.UnitId != user.UnitId) return Outcome<ReportDto>.Forbidden; // the office reviews, it does not write a unit's report
        if (!ReportWorkflow.UnitMayEdit(r.Status)) return Outcome<ReportDto>.Conflict("campaign.report.locked");
        if (d.Version is { } v && v != r.Version) return Outcome<ReportDto>.Conflict("record.changed");
        var errors = new FieldErrors();
        RegistryRules.MaxLength(errors, "problems", d.Problems, 8000);
        RegistryRules.MaxLength(errors, "nextPlan", d.NextPlan, 8000);
        foreach (var (p, i) in (d.Progress ?? []).Select((p, i) => (p, i)))
        {
            if (p is null) { errors.Add($"progress[{i}]", "field.required"); continue; }
            errors.AddIf(r.Progress.All(x => x.TaskId != p.TaskId), $"progress[{i}].taskId", "campaign.report.task");
            if (p.Percent is { } pc) RegistryRules.Range(errors, $"progress[{i}].percent", pc, 0, 100);
            if (p.Status is { } st) RegistryRules.Defined(errors, $"progress[{i}].status", st);
            RegistryRules.MaxLength(errors, $"progress[{i}].narrative", p.Narrative, 8000);
        }
        var defs = (await OwnedManualIndicatorsAsync(db, r.UnitId, ct)).ToDictionary(x => x.Code);
        foreach (var (iv, i) in (d.Indicators ?? []).Select((x, i) => (x, i)))
        {
            if (iv is null) { errors.Add($"indicators[{i}]", "field.required"); continue; }
            errors.AddIf(!defs.ContainsKey(iv.Code ?? ""), $"indicators[{i}].code", "campaign.report.indicator", iv.Code);
            RegistryRules.MaxLength(errors, $"indicators[{i}].description", iv.Description, 4000);
        }
        if (!errors.Ok) return Outcome<ReportDto>.Invalid(errors);
        r.Problems = RegistryRules.Clean(d.Problems);
        r.NextPlan = RegistryRules.Clean(d.NextPlan);
        foreach (var p in d.Progress ?? [])
        {
            var row = r.Progress.First(x => x.TaskId == p.TaskId);
            row.Status = p.Status ?? row.Status;
            row.Percent = p.Percent ?? row.Percent;
            row.Narrative = RegistryRules.Clean(p.Narrative);
        }
        foreach (var iv in d.Indicators ?? [])
        {
            var def = defs[iv.Code];
            var row = r.IndicatorValues.FirstOrDefault(x => x.DefinitionId == def.Id);
            if (row is null) r.IndicatorValues.Add(row = new ReportIndicatorValue { DefinitionId = def.Id });
            // A changed value is entered again on submission (the earlier entry stays in the indicator's history).
            if (row.Value != iv.Value || row.Checked != RegistryRules.Clean(iv.Checked) || row.Description != RegistryRules.Clean(iv.Description)) row.EntryId = null;
            row.Value = iv.Value;
            row.Checked = RegistryRules.Clean(iv.Checked);
            row.Description = RegistryRules.Clean(iv.Description);
        }
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<ReportDto>.Conflict("record.changed"); }
        return Outcome<ReportDto>.Ok(await ToDtoAsync(db, r, ct));
    }

    /// <summary>
    /// Enters a manual indicator value of the own editable report with evidence files now (through the Indicators
    /// capability, as of the quarter's last day) and links the entry to the report. The entry is pending: it counts once
    /// the report is submitted.
    /// </summary>
    public async Task<Outcome<ReportDto>> EnterIndicatorAsync(int id, string code, IndicatorService.EntryRequest req, IReadOnlyList<IndicatorService.UploadedFile> files, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, user, ct);
        if (r is null) return Outcome<ReportDto>.NotFound;
        if (r.UnitId != user.UnitId) return Outcome<ReportDto>.Forbidden;
        if (!ReportWorkflow.UnitMayEdit(r.Status)) return Outcome<ReportDto>.Conflict("campaign.report.locked");
        var def = (await OwnedManualIndicatorsAsync(db, r.UnitId, ct)).FirstOrDefault(d => d.Code == code);
        if (def is null) return Outcome<ReportDto>.Invalid(new FieldErrors { new FieldError("code", "campaign.report.indicator", code) });
        var o = await indicators.PrepareEntryAsync(db, code, req with { AsOf = new QuarterId(r.Year, r.Quarter).LastDay }, files, user, ct);
        if (o.Kind != OutcomeKind.Ok) return new Outcome<ReportDto>(o.Kind, Errors: o.Errors, ConflictKey: o.ConflictKey);
        o.Value!.Status = IndicatorEntryStatus.Pending;
        var row = r.IndicatorValues.FirstOrDefault(x => x.DefinitionId == def.Id);
        if (row is null) r.IndicatorValues.Add(row = new ReportIndicatorValue { DefinitionId = def.Id });
        row.Value = req.Value;
        row.Checked = RegistryRules.Clean(req.Checked);
        row.Description = RegistryRules.Clean(req.Description);
        db.AuditUser = user.UserName;
        // The entry and the report's row are stored together: both or neither.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.IndicatorEntries.Add(o.Value!);
            await db.SaveChangesAsync(ct);
            row.EntryId = o.Value!.Id;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException) { return Outcome<ReportDto>.Conflict("record.changed"); }
        return Outcome<ReportDto>.Ok(await ToDtoAsync(db, r, ct));
    }

    /// <summary>
    /// Submit (unit, own report), return with a comment or accept (office). The report's indicator entries count while it
    /// is submitted or accepted: submitting puts them in force (new values become new entries), returning withdraws them,
    /// so a value the office sent back is not in the indicators, the trend or the ministry form until the unit submits again.
    /// </summary>
    public async Task<Outcome<ReportDto>> ActAsync(int id, ReportAction action, string? comment, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, user, ct);
        if (r is null) return Outcome<ReportDto>.NotFound;
        if (action == ReportAction.Submit ? r.UnitId != user.UnitId : !user.IsOffice) return Outcome<ReportDto>.Forbidden;
        var next = ReportWorkflow.Next(r.Status, action);
        if (next is null) return Outcome<ReportDto>.Conflict("campaign.report.transition");
        var errors = new FieldErrors();
        errors.AddIf(action == ReportAction.Return && string.IsNullOrWhiteSpace(comment), "comment", "field.required");
        RegistryRules.MaxLength(errors, "comment", comment, 4000);
        var now = clock.GetUtcNow();
        var entries = new List<(ReportIndicatorValue Value, Domain.Indicators.IndicatorEntry Entry)>();
        if (action == ReportAction.Submit)
        {
            // Values of the manual indicators become indicator entries as of the quarter's last day, with the Indicators capability's rules.
            var last = new QuarterId(r.Year, r.Quarter).LastDay;
            // All are checked first and written together with the report (one transaction): a refused value leaves no entry behind.
            var definitionIds = r.IndicatorValues.Select(v => v.DefinitionId).ToList();
            var defs = await db.IndicatorDefinitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
            foreach (var v in r.IndicatorValues.Where(v => v.EntryId is null && v.Value is not null))
            {
                var o = await indicators.PrepareEntryAsync(db, defs[v.DefinitionId].Code, new(last, v.Value, v.Checked, v.Description), [], user, ct);
                if (o.Kind == OutcomeKind.Ok) entries.Add((v, o.Value!));
                else foreach (var e in o.Errors ?? []) errors.Add($"indicators.{defs[v.DefinitionId].Code}.{e.Field}", e.Key, e.Args);
            }
        }
        if (!errors.Ok) return Outcome<ReportDto>.Invalid(errors);
        r.Events.Add(new ReportEvent { At = now, By = user.UserName, From = r.Status, To = next.Value, Comment = RegistryRules.Clean(comment) });
        r.Status = next.Value;
        switch (action)
        {
            case ReportAction.Submit:
                r.FirstSubmittedAt ??= now;
                r.SubmittedAt = now;
                r.SubmittedBy = user.UserName;
                break;
            case ReportAction.Return:
                r.ReturnComment = comment!.Trim();
                r.ReviewedAt = now;
                r.ReviewedBy = user.UserName;
                break;
            default:
                r.ReviewedAt = now;
                r.ReviewedBy = user.UserName;
                break;
        }
        // Entries the report already links to: in force again on submission (values unchanged since they were entered, or
        // pending evidence entries of the draft), withdrawn on return.
        var linked = r.IndicatorValues.Where(v => v.EntryId is not null).Select(v => v.EntryId!.Value).ToList();
        var status = action switch { ReportAction.Submit => IndicatorEntryStatus.InForce, ReportAction.Return => IndicatorEntryStatus.Withdrawn, _ => (IndicatorEntryStatus?)null };
        if (status is { } st && linked.Count > 0)
            foreach (var e in await db.IndicatorEntries.Where(e => linked.Contains(e.Id) && e.Status != st).ToListAsync(ct)) e.Status = st;
        db.AuditUser = user.UserName;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                foreach (var (_, e) in entries) db.IndicatorEntries.Add(e);
                await db.SaveChangesAsync(ct);
                foreach (var (v, e) in entries) v.EntryId = e.Id;
                if (entries.Count > 0) await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException) { return Outcome<ReportDto>.Conflict("record.changed"); }
        }
        var period = new QuarterId(r.Year, r.Quarter);
        var link = $"/campaign/reports/{r.Id}";
        if (action == ReportAction.Submit)
            await notify.NotifyAsync(new NotificationMessage($"{r.Unit?.Name}已报送{period}工作开展情况表", "请审核。", link), await notify.OfficeUsersAsync(ct), ct);
        else
            await notify.NotifyAsync(new NotificationMessage(action == ReportAction.Return ? $"{period}工作开展情况表被退回" : $"{period}工作开展情况表已通过审核",
                comment ?? "", link), await notify.UnitUsersAsync(r.UnitId, ct), ct);
        return Outcome<ReportDto>.Ok(await ToDtoAsync(db, r, ct));
    }
}
