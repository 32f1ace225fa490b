using System.Globalization;
using GreenFreight.Domain.Indicators;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Seed;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Indicators;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Reporting;

/// <summary>One function of the platform checklist (indicator 28): whether the platform has it.</summary>
public sealed record ChecklistItemDto(string Function, bool Checked);

/// <summary>One of the 32 rows of the ministry's form.</summary>
public sealed record MinistryFormRow(
    int No,
    string Code,
    string Category,
    string Indicator,
    // YesNo | Integer | Decimal2 | Percent | HasWithAttachment | Has | HasWithChecklist.
    string Kind,
    // The kind as the form names it (是/否, 整数, 两位小数, 百分比, 有/无+附件, 有/无, 有/无+功能清单).
    string KindText,
    // Number as of the quarter's last day; 1/0 for yes/no and has/has-not; null when nothing is entered.
    decimal? Value,
    // The value as written on the form (是, 有, 12, 3,912,640.00, 10.60%).
    string Display,
    // Computed by the platform from its records (read-only on the form).
    bool Computed,
    string Description,
    IReadOnlyList<string> Attachments,
    IReadOnlyList<ChecklistItemDto>? Checklist);

/// <summary>城市绿色货运配送示范工程运行情况信息表 for one quarter: header fields and the 32 rows.</summary>
public sealed record MinistryFormDto(
    string Title,
    string City,
    string Period,
    string Reporter,
    string Phone,
    string ReportingPeriod,
    int Year,
    int Quarter,
    DateOnly AsOf,
    IReadOnlyList<string> Columns,
    IReadOnlyList<MinistryFormRow> Rows,
    IReadOnlyList<ChecklistItemDto> PlatformChecklist);

/// <summary>
/// The ministry's quarterly monitoring form. Values come from the indicator engine (<see cref="IndicatorService"/>) as of
/// the quarter's last day (China time); descriptions and attachment names from the units' entries in force on that day.
/// </summary>
public sealed class MinistryFormService(IDbContextFactory<AppDbContext> dbFactory, IndicatorService indicators)
{
    public const string Title = "城市绿色货运配送示范工程运行情况信息表";
    public const string City = "山东省淄博市（临淄区）";
    public const string DemonstrationPeriod = "2022年10月至2025年9月";
    public static readonly string[] Columns = ["指标分类", "具体指标", "值", "描述", "附件名称"];

    public static string KindText(IndicatorValueKind k) => k switch
    {
        IndicatorValueKind.YesNo => "是/否",
        IndicatorValueKind.Integer => "整数",
        IndicatorValueKind.Decimal2 => "两位小数",
        IndicatorValueKind.Percent => "百分比",
        IndicatorValueKind.Ratio => "比值",
        IndicatorValueKind.HasWithAttachment => "有/无+附件",
        IndicatorValueKind.Has => "有/无",
        IndicatorValueKind.HasWithChecklist => "有/无+功能清单",
        _ => k.ToString(),
    };

    // The last day of a quarter (the date the form's values are taken on).
    public static DateOnly QuarterEnd(int year, int quarter) => new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);

    // Checks <c>year</c> and <c>quarter</c> as given in a query string.
    public static FieldErrors Parse(string? year, string? quarter, out int y, out int q)
    {
        var errors = new FieldErrors();
        y = q = 0;
        if (string.IsNullOrWhiteSpace(year)) errors.Add("year", "field.required");
        else if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) || y is < 2000 or > 2100) errors.Add("year", "reporting.year.range");
        if (string.IsNullOrWhiteSpace(quarter)) errors.Add("quarter", "field.required");
        else if (!int.TryParse(quarter, NumberStyles.None, CultureInfo.InvariantCulture, out q) || q is < 1 or > 4) errors.Add("quarter", "reporting.quarter.range");
        return errors;
    }

    public async Task<MinistryFormDto> BuildAsync(int year, int quarter, UserContext user, string? reporter = null, string? phone = null, CancellationToken ct = default)
    {
        // The form is a Chinese document whatever the caller's language.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Localizer.Chinese;
        try
        {
            var asOf = QuarterEnd(year, quarter);
            var values = (await indicators.EvaluateAllAsync(asOf, IndicatorSeed.MinistrySet, ct)).ToDictionary(v => v.Code);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var defs = await db.IndicatorDefinitions.AsNoTracking().Where(d => d.SetCode == IndicatorSeed.MinistrySet).OrderBy(d => d.No).ToListAsync(ct);
            var ids = defs.Select(d => d.Id).ToList();
            // The entry in force on the day, chosen as the indicator engine chooses it (latest AsOf, then latest id).
            var entries = await IndicatorService.Counted(db).AsNoTracking().Where(e => ids.Contains(e.DefinitionId) && e.AsOf <= asOf)
                .Select(e => new { e.Id, e.DefinitionId, e.AsOf }).ToListAsync(ct);
            var inForce = entries.GroupBy(e => e.DefinitionId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.AsOf).ThenByDescending(e => e.Id).First().Id);
            var entryIds = inForce.Values.ToList();
            var files = await db.EvidenceAttachments.AsNoTracking().Where(a => entryIds.Contains(a.EntryId)).OrderBy(a => a.Id)
                .Select(a => new { a.EntryId, a.FileName }).ToListAsync(ct);

            var rows = new List<MinistryFormRow>();
            IReadOnlyList<ChecklistItemDto> platform = [];
            foreach (var d in defs)
            {
                var v = values.GetValueOrDefault(d.Code);
                var computed = d.Source == IndicatorSource.Computed;
                var attachments = inForce.TryGetValue(d.Id, out var eid) ? files.Where(f => f.EntryId == eid).Select(f => f.FileName).ToList() : [];
                string description = computed
                    ? $"{d.Method}（平台按登记数据自动计算，依据记录{v?.EvidenceCount ?? 0}条{(string.IsNullOrWhiteSpace(v?.Note) ? "" : "；" + v!.Note)}）"
                    : v?.Note ?? "";
                IReadOnlyList<ChecklistItemDto>? checklist = null;
                if (d.Kind == IndicatorValueKind.HasWithChecklist)
                {
                    var ticked = (v?.Checked ?? "").Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    checklist = d.Checklist.Select(f => new ChecklistItemDto(f, v?.Value is { } x && x != 0 && ticked.Contains(f))).ToList();
                    platform = checklist;
                }
                rows.Add(new MinistryFormRow(d.No, d.Code, d.Category, d.NameZh, d.Kind.ToString(), KindText(d.Kind), v?.Value,
                    v?.Display ?? "", computed, description, attachments, checklist));
            }
            if (platform.Count == 0) platform = IndicatorSeed.PlatformFunctions.Split('、').Select(f => new ChecklistItemDto(f, false)).ToList();

            var office = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Kind == UnitKind.LeadingGroupOffice, ct);
            return new MinistryFormDto(Title, City, DemonstrationPeriod,
                string.IsNullOrWhiteSpace(reporter) ? office?.ContactName ?? user.DisplayName : reporter.Trim(),
                string.IsNullOrWhiteSpace(phone) ? office?.ContactPhone ?? "" : phone.Trim(),
                $"{year}年第{quarter}季度", year, quarter, asOf, Columns, rows, platform);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
