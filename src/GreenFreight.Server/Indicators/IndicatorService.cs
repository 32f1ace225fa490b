using System.Globalization;
using GreenFreight.Domain.Indicators;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Indicators;

public sealed record TargetDto(string Comparison, decimal Value, string Text);

/// <summary>An indicator's value as of a date.</summary>
public sealed record IndicatorValueDto(
    string Code,
    string Set,
    int No,
    string Category,
    string Name,
    string Kind,
    decimal? Value,
    string Display,
    string? Unit,
    TargetDto? Target,
    bool? Met,
    bool Computed,
    int EvidenceCount,
    string? OwnerUnit,
    string? Note,
    string? Checked);

/// <summary>One record behind a value: a registry record for computed indicators, a unit's entry for manual ones.</summary>
public sealed record EvidenceDto(string Type, int Id, string Label, string Detail, IReadOnlyList<AttachmentDto>? Attachments = null);

public sealed record AttachmentDto(int Id, string FileName, long Size, string Url);

public sealed record TrendDto(IReadOnlyList<string> Quarters, IReadOnlyList<DateOnly> Dates, IReadOnlyList<TrendSeries> Series);

public sealed record TrendSeries(string Code, string Name, string? Unit, decimal? Target, IReadOnlyList<decimal?> Values);

/// <summary>
/// Evaluates indicator definitions as of a date: computed ones from the registry records (through the pure
/// <see cref="IndicatorCalculators"/>), manual ones from the latest entry in force on that date.
/// </summary>
public sealed class IndicatorService(IDbContextFactory<AppDbContext> dbFactory, Localizer l)
{
    sealed record Context(List<IndicatorDefinition> Definitions, RegistrySnapshot Snapshot, List<IndicatorEntry> Entries);

    /// <summary>The entries that count: those in force (not a draft's pending evidence, not a returned report's withdrawn values).</summary>
    internal static IQueryable<IndicatorEntry> Counted(AppDbContext db) => db.IndicatorEntries.Where(e => e.Status == IndicatorEntryStatus.InForce);

    async Task<Context> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var defs = await db.IndicatorDefinitions.AsNoTracking().Include(d => d.OwnerUnit).ToListAsync(ct);
        var snapshot = new RegistrySnapshot
        {
            Enterprises = await db.Enterprises.AsNoTracking().ToListAsync(ct),
            Facilities = await db.Facilities.AsNoTracking().ToListAsync(ct),
            Vehicles = await db.Vehicles.AsNoTracking().ToListAsync(ct),
            Outlets = await db.Outlets.AsNoTracking().ToListAsync(ct),
        };
        // Only entries in force count (not those of a report still in draft or returned to its unit). Attachments come
        // without their content: evaluation lists them, the download endpoint reads the bytes.
        var entries = await Counted(db).AsNoTracking().ToListAsync(ct);
        var files = (await db.EvidenceAttachments.AsNoTracking()
            .Where(a => Counted(db).Any(e => e.Id == a.EntryId))
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.EntryId, a.FileName, a.ContentType, a.Size, a.UploadedAt }).ToListAsync(ct))
            .ToLookup(a => a.EntryId);
        foreach (var e in entries)
            e.Attachments = files[e.Id].Select(a => new EvidenceAttachment { Id = a.Id, EntryId = a.EntryId, FileName = a.FileName, ContentType = a.ContentType, Size = a.Size, UploadedAt = a.UploadedAt }).ToList();
        return new Context(defs.OrderBy(d => d.SortOrder).ThenBy(d => d.Code).ToList(), snapshot, entries);
    }

    public async Task<IReadOnlyList<IndicatorValueDto>> EvaluateAllAsync(DateOnly asOf, string? set = null, CancellationToken ct = default)
    {
        var ctx = await LoadAsync(ct);
        return ctx.Definitions.Where(d => set is null || d.SetCode.Equals(set, StringComparison.OrdinalIgnoreCase))
            .Select(d => Evaluate(ctx, d, asOf).Value).ToList();
    }

    public async Task<(IndicatorValueDto Value, IReadOnlyList<EvidenceDto> Evidence)?> EvaluateOneAsync(string code, DateOnly asOf, CancellationToken ct = default)
    {
        var ctx = await LoadAsync(ct);
        var def = ctx.Definitions.FirstOrDefault(d => d.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
        return def is null ? null : Evaluate(ctx, def, asOf);
    }

    /// <summary>Values at each quarter's last day from the start of the creation period to <paramref name="to"/>.</summary>
    public async Task<TrendDto> TrendAsync(IReadOnlyList<string> codes, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var ctx = await LoadAsync(ct);
        var dates = QuarterEnds(from, to);
        var series = new List<TrendSeries>();
        foreach (var code in codes)
        {
            var def = ctx.Definitions.FirstOrDefault(d => d.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
            if (def is null) continue;
            series.Add(new TrendSeries(def.Code, Name(def), def.Unit, def.TargetValue,
                dates.Select(d => Evaluate(ctx, def, d).Value.Value).ToList()));
        }
        return new TrendDto(dates.Select(QuarterLabel).ToList(), dates, series);
    }

    public static readonly DateOnly MinDate = new(2000, 1, 1), MaxDate = new(2100, 12, 31);

    /// <summary>Dates the indicators are evaluated on: 2000-01-01 to 2100-12-31.</summary>
    public static bool InRange(DateOnly d) => d >= MinDate && d <= MaxDate;

    public static IReadOnlyList<DateOnly> QuarterEnds(DateOnly from, DateOnly to)
    {
        from = from < MinDate ? MinDate : from;
        to = to > MaxDate ? MaxDate : to;
        var list = new List<DateOnly>();
        var q = QuarterEnd(from);
        while (q <= QuarterEnd(to))
        {
            list.Add(q < to ? q : to);
            q = QuarterEnd(q.AddDays(1));
        }
        return list;
    }

    public static DateOnly QuarterEnd(DateOnly d)
    {
        var lastMonth = ((d.Month - 1) / 3 + 1) * 3;
        return new DateOnly(d.Year, lastMonth, DateTime.DaysInMonth(d.Year, lastMonth));
    }

    public static string QuarterLabel(DateOnly d) => $"{d.Year}Q{(d.Month - 1) / 3 + 1}";

    string Name(IndicatorDefinition d) => Localizer.IsEnglish ? d.NameEn : d.NameZh;

    (IndicatorValueDto Value, IReadOnlyList<EvidenceDto> Evidence) Evaluate(Context ctx, IndicatorDefinition d, DateOnly asOf)
    {
        decimal? value;
        string? note = null, checkedItems = null;
        IReadOnlyList<EvidenceDto> evidence;
        if (d.Source == IndicatorSource.Computed && d.Calculator is { } calc)
        {
            var r = IndicatorCalculators.Evaluate(calc, ctx.Snapshot, asOf);
            value = r.Value;
            note = r.Note;
            evidence = r.Evidence.Select(e => new EvidenceDto(e.EntityType, e.Id, e.Label, e.Detail)).ToList();
        }
        else
        {
            var entry = ctx.Entries.Where(e => e.DefinitionId == d.Id && e.AsOf <= asOf).OrderByDescending(e => e.AsOf).ThenByDescending(e => e.Id).FirstOrDefault();
            value = entry?.Value;
            checkedItems = entry?.Checked;
            note = entry?.Description;
            evidence = entry is null ? [] :
            [
                new EvidenceDto("IndicatorEntry", entry.Id, $"{entry.AsOf:yyyy-MM-dd} {entry.EnteredBy}", entry.Description ?? "",
                    entry.Attachments.Select(a => new AttachmentDto(a.Id, a.FileName, a.Size, $"/api/indicators/attachments/{a.Id}")).ToList()),
            ];
        }
        var target = d.HasTarget ? new TargetDto(Symbol(d.TargetComparison!.Value), d.TargetValue!.Value, TargetText(d)) : null;
        var count = d.Source == IndicatorSource.Computed ? evidence.Count : evidence.Sum(e => e.Attachments?.Count ?? 0);
        return (new IndicatorValueDto(d.Code, d.SetCode, d.No, Localizer.IsEnglish ? d.CategoryEn : d.Category, Name(d), d.Kind.ToString(),
            value, Display(d, value, checkedItems), d.Unit, target, d.Meets(value), d.Source == IndicatorSource.Computed, count,
            d.OwnerUnit?.Name, note, checkedItems), evidence);
    }

    public static string Symbol(TargetComparison c) => c switch
    {
        TargetComparison.GreaterOrEqual => ">=",
        TargetComparison.Greater => ">",
        TargetComparison.LessOrEqual => "<=",
        TargetComparison.Less => "<",
        _ => "=",
    };

    static string TargetText(IndicatorDefinition d)
    {
        var sym = d.TargetComparison switch
        {
            TargetComparison.GreaterOrEqual => "≥",
            TargetComparison.Greater => ">",
            TargetComparison.LessOrEqual => "≤",
            TargetComparison.Less => "<",
            _ => "=",
        };
        return d.Kind == IndicatorValueKind.Ratio
            ? $"{sym} {d.TargetValue!.Value.ToString("0.##", CultureInfo.InvariantCulture)} : 1"
            : $"{sym} {d.TargetValue!.Value.ToString("0.##", CultureInfo.InvariantCulture)}{(d.Kind == IndicatorValueKind.Percent ? "%" : d.Unit is { } u ? " " + u : "")}";
    }

    string Display(IndicatorDefinition d, decimal? v, string? checkedItems)
    {
        if (v is null) return l["indicator.novalue"];
        var x = v.Value;
        return d.Kind switch
        {
            IndicatorValueKind.YesNo => x != 0 ? l["bool.yes"] : l["bool.no"],
            IndicatorValueKind.Has or IndicatorValueKind.HasWithAttachment => x != 0 ? l["bool.has"] : l["bool.hasnot"],
            IndicatorValueKind.HasWithChecklist => x != 0 ? $"{l["bool.has"]}（{checkedItems}）" : l["bool.hasnot"],
            IndicatorValueKind.Integer => x.ToString("0", CultureInfo.InvariantCulture),
            IndicatorValueKind.Decimal2 => x.ToString("#,0.00", CultureInfo.InvariantCulture),
            IndicatorValueKind.Percent => x.ToString("0.00", CultureInfo.InvariantCulture) + "%",
            IndicatorValueKind.Ratio => x.ToString("0.00", CultureInfo.InvariantCulture) + " : 1",
            _ => x.ToString(CultureInfo.InvariantCulture),
        };
    }

    public sealed record EntryRequest(DateOnly? AsOf, decimal? Value, string? Checked, string? Description);

    public sealed record UploadedFile(string FileName, string ContentType, byte[] Content);

    /// <summary>Records a value of a manual indicator with its evidence files. The office, or the indicator's owning unit.</summary>
    public async Task<Registry.Outcome<int>> AddEntryAsync(string code, EntryRequest req, IReadOnlyList<UploadedFile> files, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var o = await PrepareEntryAsync(db, code, req, files, user, ct);
        if (o.Kind != Registry.OutcomeKind.Ok) return new Registry.Outcome<int>(o.Kind, Errors: o.Errors, ConflictKey: o.ConflictKey);
        db.IndicatorEntries.Add(o.Value!);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Registry.Outcome<int>.Ok(o.Value!.Id);
    }

    /// <summary>
    /// Checks a value of a manual indicator with the rules of <see cref="AddEntryAsync"/> and returns the entry, not yet added,
    /// so that a caller can store several entries (and its own changes) in one transaction.
    /// </summary>
    internal async Task<Registry.Outcome<IndicatorEntry>> PrepareEntryAsync(AppDbContext db, string code, EntryRequest req, IReadOnlyList<UploadedFile> files, UserContext user, CancellationToken ct = default)
    {
        var def = await db.IndicatorDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, ct);
        if (def is null) return Registry.Outcome<IndicatorEntry>.NotFound;
        if (!(user.IsOffice || user.IsGovernment && def.OwnerUnitId is { } owner && owner == user.UnitId)) return Registry.Outcome<IndicatorEntry>.Forbidden;
        var errors = new FieldErrors();
        errors.AddIf(def.Source == IndicatorSource.Computed, "code", "indicator.computed");
        errors.AddIf(req.AsOf is null, "asOf", "field.required");
        errors.AddIf(req.Value is null, "value", "field.required");
        if (req.Value is { } v)
        {
            switch (def.Kind)
            {
                case IndicatorValueKind.YesNo or IndicatorValueKind.Has or IndicatorValueKind.HasWithAttachment or IndicatorValueKind.HasWithChecklist:
                    errors.AddIf(v is not (0 or 1), "value", "indicator.value.yesno"); break;
                case IndicatorValueKind.Integer:
                    errors.AddIf(v < 0 || v != Math.Floor(v), "value", "indicator.value.integer"); break;
                case IndicatorValueKind.Percent:
                    errors.AddIf(v is < -100 or > 1000, "value", "field.range", -100, 1000); break;
                default:
                    errors.AddIf(v < 0, "value", "field.range", 0, "∞"); break;
            }
        }
        var options = def.Checklist;
        var checkedList = (req.Checked ?? "").Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        foreach (var item in checkedList.Where(i => !options.Contains(i))) errors.Add("checked", "indicator.checklist.unknown", item);
        errors.AddIf(def.Kind == IndicatorValueKind.HasWithAttachment && req.Value == 1 && files.Count == 0, "files", "indicator.attachment.required");
        errors.AddIf(files.Count > Uploads.MaxFiles, "files", "upload.files.toomany", Uploads.MaxFiles);
        foreach (var f in files) errors.AddIf(Uploads.TooLarge(f.Content.LongLength), "files", "indicator.attachment.size", f.FileName, Uploads.MaxFileMegabytes);
        Registry.RegistryRules.MaxLength(errors, "description", req.Description, 4000);
        if (!errors.Ok) return Registry.Outcome<IndicatorEntry>.Invalid(errors);

        var now = DateTimeOffset.UtcNow;
        var entry = new IndicatorEntry
        {
            DefinitionId = def.Id, AsOf = req.AsOf!.Value, Value = req.Value, Checked = checkedList.Count > 0 ? string.Join('、', checkedList) : null,
            Description = req.Description?.Trim(), UnitId = user.UnitId, EnteredBy = user.UserName, EnteredAt = now,
            Attachments = files.Select(f => new EvidenceAttachment { FileName = Path.GetFileName(f.FileName), ContentType = f.ContentType, Size = f.Content.LongLength, Content = f.Content, UploadedAt = now }).ToList(),
        };
        return Registry.Outcome<IndicatorEntry>.Ok(entry);
    }

    public async Task<IndicatorDefinition?> DefinitionAsync(string code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IndicatorDefinitions.AsNoTracking().Include(d => d.OwnerUnit).FirstOrDefaultAsync(d => d.Code == code, ct);
    }

    public async Task<EvidenceAttachment?> AttachmentAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EvidenceAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
    }
}
