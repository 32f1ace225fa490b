using GreenFreight.Domain.Campaign;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Access;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using GreenFreight.Server.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Assessments;

public sealed record AssessmentItemDto(string Code, string Name, decimal Weight, string Source, string Rule, string? Steps);

public sealed record AssessmentSchemeDto(int Id, int Version, int Year, string Name, DateTimeOffset? PublishedAt, IReadOnlyList<AssessmentItemDto> Items);

public sealed record AssessmentItemIn(string? Code, string? Name, decimal? Weight, AssessmentSource? Source, ScoringRule? Rule, string? Steps);

public sealed record AssessmentSchemeIn(string? Name, IReadOnlyList<AssessmentItemIn>? Items, int? Version);

/// <summary>The office's points on a manual item (<c>itemCode</c>) or, without an item, its comment on the unit.</summary>
public sealed record AssessmentScoreIn(int? UnitId, string? ItemCode, decimal? Points, string? Comment);

public sealed record AssessmentResultsDto(AssessmentSchemeDto Scheme, IReadOnlyList<UnitResult> Results);

/// <summary>
/// The annual assessment (考核评估) of the member units: the scheme as data (items, weights, rules), the automatic items from
/// <see cref="IAssessmentInputs"/>, the office's manual scores and comments, results with ranking, Excel and Word export.
/// </summary>
public sealed class AssessmentService(IDbContextFactory<AppDbContext> dbFactory, IAssessmentInputs inputs, TimeProvider clock)
{
    static AssessmentSchemeDto ToDto(AssessmentScheme s) => new(s.Id, s.Version, s.Year, s.Name, s.PublishedAt,
        s.Items.OrderBy(i => i.SortOrder).Select(i => new AssessmentItemDto(i.Code, i.Name, i.Weight, i.Source.ToString(), i.Rule.ToString(), i.Steps)).ToList());

    async Task<AssessmentScheme?> LoadAsync(AppDbContext db, int year, CancellationToken ct) =>
        await db.Set<AssessmentScheme>().Include(s => s.Items).FirstOrDefaultAsync(s => s.Year == year, ct);

    /// <summary>The scheme of a year: the office sees drafts, units the published one.</summary>
    public async Task<AssessmentSchemeDto?> GetAsync(int year, UserContext user, CancellationToken ct = default)
    {
        if (!user.IsGovernment) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await LoadAsync(db, year, ct);
        return s is null || !user.IsOffice && s.PublishedAt is null ? null : ToDto(s);
    }

    /// <summary>
    /// Creates (with the default items when none are given) or changes a year's scheme. Office only. Items are matched by
    /// code: a kept item keeps the office's scores on it, a dropped item loses them, and a weight below a score already
    /// given is refused (the score would exceed the item).
    /// </summary>
    public async Task<Outcome<AssessmentSchemeDto>> SaveAsync(int year, AssessmentSchemeIn input, UserContext user, CancellationToken ct = default)
    {
        if (!user.IsOffice) return Outcome<AssessmentSchemeDto>.Forbidden;
        var errors = new FieldErrors();
        if (year is < 2000 or > 2100) errors.Add("year", "reporting.year.range");
        RegistryRules.MaxLength(errors, "name", input.Name, 200);
        var items = input.Items is null ? AssessmentScoring.DefaultItems() : input.Items.Select((i, n) => new AssessmentItem
        {
            Code = i.Code?.Trim() ?? "", Name = i.Name?.Trim() ?? "", Weight = i.Weight ?? 0, Source = i.Source ?? AssessmentSource.Manual, Rule = i.Rule ?? ScoringRule.Linear,
            Steps = RegistryRules.Clean(i.Steps), SortOrder = n + 1,
        }).ToList();
        if (items.Any(i => i.Code.Length is 0 or > 20 || i.Name.Length is 0 or > 200)) errors.Add("items", "assessment.item.fields");
        if (items.Any(i => !Enum.IsDefined(i.Source) || !Enum.IsDefined(i.Rule))) errors.Add("items", "field.enum");
        foreach (var (f, k) in AssessmentScoring.Check(items)) errors.Add(f, k);
        if (!errors.Ok) return Outcome<AssessmentSchemeDto>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await LoadAsync(db, year, ct);
        if (s is null) db.Set<AssessmentScheme>().Add(s = new AssessmentScheme { Year = year });
        else if (input.Version is { } v) db.Entry(s).Property(x => x.Version).OriginalValue = v;
        if (s.Id != 0)
        {
            var given = await db.Set<AssessmentScore>().Where(x => x.SchemeId == s.Id && x.ItemId != null && x.Points != null)
                .GroupBy(x => x.ItemId!.Value).Select(g => new { ItemId = g.Key, Max = g.Max(x => x.Points!.Value) }).ToListAsync(ct);
            for (var n = 0; n < items.Count; n++)
            {
                var kept = s.Items.FirstOrDefault(i => i.Code == items[n].Code);
                if (kept is not null && items[n].Source == AssessmentSource.Manual && given.FirstOrDefault(g => g.ItemId == kept.Id) is { } top && top.Max > items[n].Weight)
                    errors.Add($"items[{n}].weight", "assessment.weight.belowscores", top.Max);
            }
            if (!errors.Ok) return Outcome<AssessmentSchemeDto>.Invalid(errors);
        }
        s.Name = RegistryRules.Clean(input.Name) ?? $"{year}年度城市绿色货运配送示范工程成员单位考核";
        foreach (var dropped in s.Items.Where(i => items.All(n => n.Code != i.Code)).ToList()) s.Items.Remove(dropped);
        foreach (var item in items)
        {
            if (s.Items.FirstOrDefault(i => i.Code == item.Code) is not { } kept) { s.Items.Add(item); continue; }
            kept.Name = item.Name;
            kept.Weight = item.Weight;
            kept.Source = item.Source;
            kept.Rule = item.Rule;
            kept.Steps = item.Steps;
            kept.SortOrder = item.SortOrder;
        }
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<AssessmentSchemeDto>.Conflict("record.changed"); }
        return Outcome<AssessmentSchemeDto>.Ok(ToDto(s));
    }

    public async Task<Outcome<bool>> ScoreAsync(int year, AssessmentScoreIn input, UserContext user, CancellationToken ct = default)
    {
        if (!user.IsOffice) return Outcome<bool>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await LoadAsync(db, year, ct);
        if (s is null) return Outcome<bool>.NotFound;
        var errors = new FieldErrors();
        if (input.UnitId is not { } unitId || !await db.Units.AnyAsync(u => u.Id == unitId && u.Kind == UnitKind.MemberUnit, ct)) errors.Add("unitId", "user.unit.unknown");
        AssessmentItem? item = null;
        if (!string.IsNullOrWhiteSpace(input.ItemCode))
        {
            item = s.Items.FirstOrDefault(i => i.Code == input.ItemCode.Trim());
            if (item is null) errors.Add("itemCode", "assessment.item.unknown");
            else if (item.Source != AssessmentSource.Manual) errors.Add("itemCode", "assessment.item.automatic");
            else if (input.Points is not { } p) errors.Add("points", "field.required");
            else if (p < 0 || p > item.Weight) errors.Add("points", "field.range", 0, item.Weight);
        }
        RegistryRules.MaxLength(errors, "comment", input.Comment, 2000);
        if (!errors.Ok) return Outcome<bool>.Invalid(errors);
        var row = await db.Set<AssessmentScore>().FirstOrDefaultAsync(x => x.SchemeId == s.Id && x.UnitId == input.UnitId && x.ItemId == (item == null ? null : item.Id), ct);
        if (row is null) db.Set<AssessmentScore>().Add(row = new AssessmentScore { SchemeId = s.Id, UnitId = input.UnitId!.Value, ItemId = item?.Id });
        row.Points = item is null ? null : input.Points;
        row.Comment = RegistryRules.Clean(input.Comment);
        row.ScoredBy = user.UserName;
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    public async Task<Outcome<AssessmentSchemeDto>> PublishAsync(int year, bool publish, UserContext user, CancellationToken ct = default)
    {
        if (!user.IsOffice) return Outcome<AssessmentSchemeDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await LoadAsync(db, year, ct);
        if (s is null) return Outcome<AssessmentSchemeDto>.NotFound;
        s.PublishedAt = publish ? s.PublishedAt ?? clock.GetUtcNow() : null;
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<AssessmentSchemeDto>.Ok(ToDto(s));
    }

    /// <summary>Results of the member units, ranked. The office any time; units once published.</summary>
    public async Task<AssessmentResultsDto?> ResultsAsync(int year, UserContext user, CancellationToken ct = default)
    {
        var scheme = await GetAsync(year, user, ct);
        if (scheme is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = (await LoadAsync(db, year, ct))!;
        var units = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.MemberUnit).OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var scores = await db.Set<AssessmentScore>().AsNoTracking().Where(x => x.SchemeId == s.Id).ToListAsync(ct);
        var ratios = await inputs.RatiosAsync(year, units.Select(u => u.Id).ToList(), ct);
        var codes = s.Items.ToDictionary(i => i.Id, i => i.Code);
        var results = AssessmentScoring.Score(s.Items, units.Select(u => new UnitInputs(u.Id, u.Name, ratios.GetValueOrDefault(u.Id) ?? new Dictionary<AssessmentSource, decimal?>(),
            scores.Where(x => x.UnitId == u.Id && x.ItemId is { } iid && codes.ContainsKey(iid)).ToDictionary(x => codes[x.ItemId!.Value], x => x.Points),
            scores.FirstOrDefault(x => x.UnitId == u.Id && x.ItemId is null)?.Comment)));
        return new AssessmentResultsDto(scheme, results);
    }

    public static byte[] Excel(AssessmentResultsDto r)
    {
        var sheet = new XlsxSheet("考核结果");
        var items = r.Scheme.Items;
        sheet.Columns([8, 22, .. items.Select(_ => 16.0), 10, 40]);
        sheet.Row(XlsxStyle.Title, r.Scheme.Name);
        sheet.Merge($"A1:{XlsxSheet.Col(items.Count + 3)}1");
        sheet.Row(XlsxStyle.Header, ["名次", "单位", .. items.Select(i => $"{i.Name}（{i.Weight:0.##}分）"), "总分", "评语"]);
        foreach (var u in r.Results)
            sheet.Row([(u.Rank, XlsxStyle.Integer), (u.UnitName, XlsxStyle.Cell), .. u.Items.Select(i => ((object?)i.Points, XlsxStyle.Decimal2)), (u.Total, XlsxStyle.Decimal2), (u.Comment ?? "", XlsxStyle.Cell)]);
        return XlsxWriter.Write(sheet);
    }

    public static byte[] Word(AssessmentResultsDto r)
    {
        var items = r.Scheme.Items;
        var intro = new List<string>
        {
            $"考核年度：{r.Scheme.Year}年。依据《临淄区落实淄博市创建国家绿色货运配送示范城市工作方案》考核评估机制，对各成员单位年度任务完成情况进行考核评价。",
            "考核项目：" + string.Join("；", items.Select(i => $"{i.Name}（{i.Weight:0.##}分）")) + "。",
        };
        var table = new DocxWriter.Table(["名次", "单位", .. items.Select(i => i.Name), "总分"],
            r.Results.Select(u => (IReadOnlyList<string>)[u.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), u.UnitName,
                .. u.Items.Select(i => i.Points.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)), u.Total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)]).ToList());
        var comments = r.Results.Where(u => !string.IsNullOrWhiteSpace(u.Comment)).Select(u => $"{u.UnitName}：{u.Comment}").ToList();
        return DocxWriter.Write(r.Scheme.Name, intro, table, comments.Count == 0 ? null : ["评语", .. comments]);
    }

    public static IEndpointRouteBuilder MapAssessmentApi(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/assessment").WithTags("Annual assessment (考核评估)").RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Unit, Roles.Police));
        var office = new[] { Roles.Office };
        g.MapGet("/{year:int}", async Task<Results<Ok<AssessmentSchemeDto>, ProblemHttpResult>> (int year, HttpContext ctx, AssessmentService s, Localizer l, CancellationToken ct) =>
                await s.GetAsync(year, UserContext.From(ctx.User), ct) is { } d ? TypedResults.Ok(d) : Problems.NotFound(l))
            .WithSummary("A year's scheme: items, weights (points), sources and rules (units see it once published)");
        g.MapPut("/{year:int}", async (int year, AssessmentSchemeIn body, HttpContext ctx, AssessmentService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.SaveAsync(year, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(office)).WithSummary("Create or replace a year's scheme (office)")
            .WithDescription("`items`: [{ code, name, weight, source: OnTimeReports | TaskCompletion | IndicatorContribution | Manual, rule: Linear | Steps, steps: \"1:1;0.9:0.8\" }]; "
                + "weights must sum to 100. Without `items` the default scheme (A1 on-time reports 25, A2 tasks and action items 30, A3 owned indicators 20, M1 15 and M2 10 scored by the office).");
        g.MapPost("/{year:int}/scores", async (int year, AssessmentScoreIn body, HttpContext ctx, AssessmentService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.ScoreAsync(year, body, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(office)).WithSummary("Score a manual item for a unit (`unitId`, `itemCode`, `points` 0–weight) or, without `itemCode`, set the office's comment");
        g.MapPost("/{year:int}/publish", async (int year, bool? withdraw, HttpContext ctx, AssessmentService s, Localizer l, CancellationToken ct) =>
                OutcomeResults.From(await s.PublishAsync(year, withdraw != true, UserContext.From(ctx.User), ct), l))
            .RequireAuthorization(p => p.RequireRole(office)).WithSummary("Publish the results to the units (`withdraw=true` takes them back)");
        g.MapGet("/{year:int}/results", async Task<Results<Ok<AssessmentResultsDto>, ProblemHttpResult>> (int year, HttpContext ctx, AssessmentService s, Localizer l, CancellationToken ct) =>
                await s.ResultsAsync(year, UserContext.From(ctx.User), ct) is { } r ? TypedResults.Ok(r) : Problems.NotFound(l))
            .WithSummary("Results per member unit with item points, total and rank (equal totals share a rank)")
            .WithDescription("Automatic items: on-time rate of the year's quarterly reports, share of tasks reported completed plus meeting action items done, share of the unit's indicators with a value meeting its target at year end.");
        g.MapGet("/{year:int}/results.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int year, HttpContext ctx, AssessmentService s, Localizer l, CancellationToken ct) =>
                await s.ResultsAsync(year, UserContext.From(ctx.User), ct) is { } r ? TypedResults.File(Excel(r), XlsxWriter.ContentType, $"考核结果-{year}.xlsx") : Problems.NotFound(l))
            .WithSummary("Results as Excel");
        g.MapGet("/{year:int}/results.docx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int year, HttpContext ctx, AssessmentService s, Localizer l, CancellationToken ct) =>
                await s.ResultsAsync(year, UserContext.From(ctx.User), ct) is { } r ? TypedResults.File(Word(r), DocxWriter.ContentType, $"考核结果-{year}.docx") : Problems.NotFound(l))
            .WithSummary("Results as Word (.docx): scheme, ranking table, comments");
        return app;
    }
}
