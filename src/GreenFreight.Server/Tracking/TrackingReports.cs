using System.Globalization;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Tracking;

public sealed record MileageRow(int VehicleId, string Plate, string Energy, int? EnterpriseId, string? EnterpriseName, double Km, int Points, bool Qualifies);

public sealed record MileageReport(string Month, double ThresholdKm, IReadOnlyList<MileageRow> Vehicles);

/// <summary>Data-quality KPIs of one enterprise's vehicles on one day; rates are 0–1, null when there is nothing to divide by.</summary>
public sealed record QualityRow(int? EnterpriseId, string? EnterpriseName, int TerminalVehicles, int OnlineVehicles, double? OnlineRate,
    double? Completeness, int Points, int ValidPoints, int DriftPoints, double? ValidRate, double? DriftRate);

public sealed record QualityReport(string Date, IReadOnlyList<QualityRow> Enterprises);

/// <summary>
/// Monthly mileage per vehicle (the subsidy basis) and the regulator's data-quality KPIs, computed from the stored track points.
/// Days and months are China time.
/// </summary>
public sealed class TrackingReports(IDbContextFactory<AppDbContext> dbFactory)
{
    public const double SubsidyThresholdKm = 1600;
    /// <summary>A step between two valid fixes counts at most what this speed allows in its duration (a drift that slipped through adds nothing).</summary>
    public const double MaxStepSpeedKmh = 120;
    public const int SlotMinutes = 5;
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    // ------------------------------------------------------------------ the math (pure, unit-tested)

    /// <summary>Sum of great-circle steps between consecutive fixes (ordered by time), each capped at 120 km/h × its duration.</summary>
    public static double MileageKm(IEnumerable<(long TimeMs, double Lat, double Lon)> orderedFixes)
    {
        double km = 0;
        (long TimeMs, double Lat, double Lon)? prev = null;
        foreach (var p in orderedFixes)
        {
            if (prev is { } q)
            {
                var hours = Math.Max(0, p.TimeMs - q.TimeMs) / 3_600_000.0;
                km += Math.Min(PositionRules.DistanceKm(q.Lat, q.Lon, p.Lat, p.Lon), MaxStepSpeedKmh * hours);
            }
            prev = p;
        }
        return km;
    }

    /// <summary>
    /// Track completeness of one vehicle on one day: of the 5-minute slots of the day (China time) from the one of its first fix to
    /// the one of its last, the share that hold at least one fix. Null without fixes.
    /// </summary>
    public static double? Completeness(IEnumerable<long> fixTimesMs)
    {
        var slots = new HashSet<long>();
        foreach (var t in fixTimesMs) slots.Add((t + (long)China.TotalMilliseconds) / (SlotMinutes * 60_000L));
        if (slots.Count == 0) return null;
        return slots.Count / (double)(slots.Max() - slots.Min() + 1);
    }

    static double? Ratio(int a, int b) => b == 0 ? null : a / (double)b;

    // ------------------------------------------------------------------ reports

    public static (DateTimeOffset From, DateTimeOffset To) MonthRange(int year, int month)
    {
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, China);
        return (from, from.AddMonths(1));
    }

    public async Task<MileageReport> MileageAsync(UserContext user, int year, int month, CancellationToken ct = default)
    {
        var (from, to) = MonthRange(year, month);
        long a = from.ToUnixTimeMilliseconds(), b = to.ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var vehicles = db.Vehicles.AsNoTracking().Where(v => !user.IsEnterpriseOnly || v.OwnerEnterpriseId == user.EnterpriseId);
        var points = from p in db.StoredPositions.AsNoTracking()
                     join v in vehicles on p.VehicleId equals v.Id
                     where p.TimeMs >= a && p.TimeMs < b && p.Verdict == PositionVerdict.Valid
                     orderby p.VehicleId, p.TimeMs, p.Id
                     select new { p.VehicleId, p.TimeMs, p.Latitude, p.Longitude };
        var km = new Dictionary<int, (double Km, int Points)>();
        int current = -1;
        var buffer = new List<(long, double, double)>();
        void Flush()
        {
            if (current >= 0) km[current] = (MileageKm(buffer), buffer.Count);
            buffer.Clear();
        }
        await foreach (var p in points.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (p.VehicleId != current) { Flush(); current = p.VehicleId; }
            buffer.Add((p.TimeMs, p.Latitude, p.Longitude));
        }
        Flush();
        var ids = km.Keys.ToList();
        var info = await db.Vehicles.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.Plate, v.Energy, v.OwnerEnterpriseId, Enterprise = v.OwnerEnterprise != null ? v.OwnerEnterprise.Name : null })
            .ToListAsync(ct);
        var rows = info.Select(v => new MileageRow(v.Id, v.Plate, v.Energy.ToString(), v.OwnerEnterpriseId, v.Enterprise, Math.Round(km[v.Id].Km, 3), km[v.Id].Points,
                km[v.Id].Km >= SubsidyThresholdKm))
            .OrderByDescending(r => r.Km).ThenBy(r => r.Plate, StringComparer.Ordinal).ToList();
        return new MileageReport($"{year:D4}-{month:D2}", SubsidyThresholdKm, rows);
    }

    public async Task<QualityReport> QualityAsync(UserContext user, DateOnly date, CancellationToken ct = default)
    {
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), China);
        long a = from.ToUnixTimeMilliseconds(), b = from.AddDays(1).ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var vehicles = db.Vehicles.AsNoTracking().Where(v => !user.IsEnterpriseOnly || v.OwnerEnterpriseId == user.EnterpriseId);
        var points = await (from p in db.StoredPositions.AsNoTracking()
                            join v in vehicles on p.VehicleId equals v.Id
                            where p.TimeMs >= a && p.TimeMs < b
                            select new { p.VehicleId, p.TimeMs, p.Verdict }).ToListAsync(ct);
        var withPoints = points.Select(p => p.VehicleId).Distinct().ToList();
        // The fleet that should report: vehicles in service with a terminal phone, and any vehicle that did report (platforms posting by API).
        var fleet = (await vehicles.Where(v => v.TerminalPhone != null || withPoints.Contains(v.Id))
                .Select(v => new { v.Id, v.OwnerEnterpriseId, v.InServiceFrom, v.InServiceTo, v.TerminalPhone, Enterprise = v.OwnerEnterprise != null ? v.OwnerEnterprise.Name : null })
                .ToListAsync(ct))
            .Where(v => withPoints.Contains(v.Id) || v.InServiceFrom <= date && (v.InServiceTo is not { } end || end > date))
            .ToList();
        var byVehicle = points.GroupBy(p => p.VehicleId).ToDictionary(g => g.Key, g => g.ToList());
        var rows = fleet.GroupBy(v => (v.OwnerEnterpriseId, v.Enterprise)).Select(g =>
        {
            int online = 0, all = 0, valid = 0, drift = 0;
            var completeness = new List<double>();
            foreach (var v in g)
            {
                if (!byVehicle.TryGetValue(v.Id, out var list)) continue;
                all += list.Count;
                var validTimes = list.Where(p => p.Verdict == PositionVerdict.Valid).Select(p => p.TimeMs).ToList();
                valid += validTimes.Count;
                drift += list.Count(p => p.Verdict == PositionVerdict.Drift);
                if (validTimes.Count > 0) online++;
                if (Completeness(validTimes) is { } c) completeness.Add(c);
            }
            return new QualityRow(g.Key.OwnerEnterpriseId, g.Key.Enterprise, g.Count(), online, Ratio(online, g.Count()),
                completeness.Count == 0 ? null : completeness.Average(), all, valid, drift, Ratio(valid, all), Ratio(drift, all));
        }).OrderBy(r => r.EnterpriseName ?? "\uffff", StringComparer.Ordinal).ToList();
        return new QualityReport(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rows);
    }

}

/// <summary><c>GET /api/tracking/mileage</c> and <c>GET /api/tracking/quality</c>.</summary>
public static class TrackingReportsApi
{
    public static IEndpointRouteBuilder MapTrackingReportsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/tracking").WithTags("Tracking (车辆监管)").RequireAuthorization();
        g.MapGet("/mileage", async Task<Results<Ok<MileageReport>, ProblemHttpResult>> (string? month, HttpContext ctx, TrackingReports reports, TimeProvider clock, Localizer l, CancellationToken ct) =>
            {
                var m = clock.Now();
                int year = m.Year, mon = m.Month;
                if (!string.IsNullOrEmpty(month))
                {
                    if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return Problems.Validation(l, ("month", "sup.month.format"));
                    (year, mon) = (d.Year, d.Month);
                }
                return TypedResults.Ok(await reports.MileageAsync(UserContext.From(ctx.User), year, mon, ct));
            })
            .WithSummary("Monthly mileage per vehicle (subsidy basis: ≥ 1,600 km)")
            .WithDescription("`month=YYYY-MM` (China time; default: this month). Sum of great-circle distances between consecutive valid positions, each step capped at 120 km/h × its duration. Government roles see every vehicle; an enterprise only its own.");
        g.MapGet("/mileage.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? month, HttpContext ctx, TrackingReports reports, TimeProvider clock, Localizer l, CancellationToken ct) =>
            {
                var m = clock.Now();
                int year = m.Year, mon = m.Month;
                if (!string.IsNullOrEmpty(month))
                {
                    if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return Problems.Validation(l, ("month", "sup.month.format"));
                    (year, mon) = (d.Year, d.Month);
                }
                var report = await reports.MileageAsync(UserContext.From(ctx.User), year, mon, ct);
                return TypedResults.File(MileageWorkbook(report, l), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    $"mileage-{report.Month}.xlsx");
            })
            .WithSummary("Monthly mileage per vehicle as an Excel workbook (for subsidy claims)")
            .WithDescription("Same rows and scope as `GET /api/tracking/mileage`; Chinese column headers.");
        g.MapGet("/quality", async Task<Results<Ok<QualityReport>, ProblemHttpResult>> (string? date, HttpContext ctx, TrackingReports reports, TimeProvider clock, Localizer l, CancellationToken ct) =>
            {
                var day = clock.Today();
                if (!string.IsNullOrEmpty(date) && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
                    return Problems.Validation(l, ("date", "sup.date.format"));
                return TypedResults.Ok(await reports.QualityAsync(UserContext.From(ctx.User), day, ct));
            })
            .WithSummary("Data-quality KPIs per enterprise for one day")
            .WithDescription("`date=YYYY-MM-DD` (China time; default: today). Online rate (vehicles with a valid position ÷ vehicles with a terminal in service, plus any that reported), track completeness (share of 5-minute slots between first and last fix with a fix, averaged over vehicles), valid-data rate and drift rate (of all positions).");
        return app;
    }

    /// <summary>One row per vehicle: rank, plate, energy type, enterprise, valid positions, km, whether it reaches the subsidy mileage.</summary>
    public static byte[] MileageWorkbook(MileageReport report, Localizer l)
    {
        string H(string key) => l.In(Localizer.Chinese, key);
        var rows = report.Vehicles.Select((r, i) => new Dictionary<string, object?>
        {
            ["序号"] = i + 1,
            [H("sup.reports.month")] = report.Month,
            [H("sup.plate")] = r.Plate,
            [H("sup.reports.energy")] = l.In(Localizer.Chinese, $"EnergyType.{r.Energy}"),
            [H("sup.reports.enterprise")] = r.EnterpriseName ?? H("sup.reports.noenterprise"),
            [H("sup.reports.points")] = r.Points,
            [H("sup.reports.km")] = r.Km,
            [H("sup.reports.qualifies")] = r.Qualifies ? "是" : "否",
        }).ToList();
        if (rows.Count == 0)
            rows.Add(new Dictionary<string, object?> { ["序号"] = null, [H("sup.reports.month")] = report.Month, [H("sup.plate")] = H("sup.reports.nomileage") });
        using var ms = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(ms, rows, sheetName: $"里程{report.Month}");
        return ms.ToArray();
    }
}
