using GreenFreight.Domain.Campaign;
using GreenFreight.Server.Data;
using GreenFreight.Server.Indicators;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Assessments;

/// <summary>The ratios (0–1) behind the automatic assessment items of a unit for a year; null where there is nothing to measure.</summary>
public interface IAssessmentInputs
{
    Task<IReadOnlyDictionary<int, IReadOnlyDictionary<AssessmentSource, decimal?>>> RatiosAsync(int year, IReadOnlyCollection<int> unitIds, CancellationToken ct);
}

/// <summary>
/// Automatic inputs from the campaign's records: quarterly reports (on time = first submitted, in China time, by the due
/// date; counted once due or submitted), tasks (share of task progress rows reported Completed in the unit's latest report
/// of the year) together with meeting action items due that year (share done), and the indicators the unit owns (share with
/// a value at year end that meets its target where it has one).
/// </summary>
public sealed class CampaignAssessmentInputs(IDbContextFactory<AppDbContext> dbFactory, IndicatorService indicators, TimeProvider clock) : IAssessmentInputs
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<AssessmentSource, decimal?>>> RatiosAsync(int year, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var today = clock.Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reports = await db.QuarterlyReports.AsNoTracking().Where(r => r.Year == year && unitIds.Contains(r.UnitId))
            .Select(r => new { r.Id, r.UnitId, r.Quarter, r.DueOn, r.FirstSubmittedAt, r.SubmittedAt }).ToListAsync(ct);
        var latest = reports.Where(r => r.SubmittedAt != null).GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Quarter).First().Id);
        var latestIds = latest.Values.ToList();
        var progress = await db.ReportTaskProgress.AsNoTracking().Where(p => latestIds.Contains(p.ReportId)).Select(p => new { p.ReportId, p.Status }).ToListAsync(ct);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var items = await db.Set<ActionItem>().AsNoTracking().Where(a => a.DueDate >= from && a.DueDate <= to && unitIds.Contains(a.OwnerUnitId))
            .Select(a => new { a.OwnerUnitId, a.Status, a.DueDate }).ToListAsync(ct);
        var owned = await db.IndicatorDefinitions.AsNoTracking().Where(d => d.OwnerUnitId != null && unitIds.Contains(d.OwnerUnitId!.Value))
            .Select(d => new { d.Code, Unit = d.OwnerUnitId!.Value }).ToListAsync(ct);
        var values = owned.Count == 0 ? [] : (await indicators.EvaluateAllAsync(to < today ? to : today, null, ct)).ToDictionary(v => v.Code);

        var result = new Dictionary<int, IReadOnlyDictionary<AssessmentSource, decimal?>>();
        foreach (var unit in unitIds)
        {
            var mine = reports.Where(r => r.UnitId == unit && (r.FirstSubmittedAt != null || r.DueOn < today)).ToList();
            decimal? onTime = mine.Count == 0 ? null
                : (decimal)mine.Count(r => r.FirstSubmittedAt is { } s && DateOnly.FromDateTime(s.ToOffset(China).DateTime) <= r.DueOn) / mine.Count;

            var rows = latest.TryGetValue(unit, out var rid) ? progress.Where(p => p.ReportId == rid).ToList() : [];
            var due = items.Where(a => a.OwnerUnitId == unit && (a.Status == ActionItemStatus.Done || a.DueDate < today)).ToList();
            var total = rows.Count + due.Count;
            decimal? tasks = total == 0 ? null
                : (decimal)(rows.Count(p => p.Status == TaskProgressStatus.Completed) + due.Count(a => a.Status == ActionItemStatus.Done)) / total;

            var defs = owned.Where(o => o.Unit == unit).ToList();
            decimal? indicatorShare = defs.Count == 0 ? null
                : (decimal)defs.Count(d => values.TryGetValue(d.Code, out var v) && v.Value is not null && v.Met != false) / defs.Count;

            result[unit] = new Dictionary<AssessmentSource, decimal?>
            {
                [AssessmentSource.OnTimeReports] = onTime is { } a ? Math.Round(a, 4) : null,
                [AssessmentSource.TaskCompletion] = tasks is { } b ? Math.Round(b, 4) : null,
                [AssessmentSource.IndicatorContribution] = indicatorShare is { } c ? Math.Round(c, 4) : null,
            };
        }
        return result;
    }
}
