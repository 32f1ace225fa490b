using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GreenFreight.Domain.Campaign;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Indicators;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Campaigns;

public sealed record CircularSectionDto(int Id, int SortOrder, CircularSectionKind Kind, int? UnitId, string Heading, string Body);

public sealed record CircularRowDto(string Code, string Name, string Value, string Target, string Met);

public sealed record CircularDto(int Id, int Version, int CampaignId, int Year, int Half, string Title, string DocumentNumber, string Issuer, DateOnly IssuedOn,
    CircularStatus Status, DateTimeOffset GeneratedAt, DateTimeOffset? PublishedAt, IReadOnlyList<CircularSectionDto> Sections, IReadOnlyList<CircularRowDto> IndicatorRows);

public sealed record GenerateIn(int? CampaignId, int? Year, int? Half);

public sealed record SectionIn(int Id, string? Heading, string? Body);

public sealed record CircularIn(string? Title, string? DocumentNumber, DateOnly? IssuedOn, IReadOnlyList<SectionIn>? Sections, int? Version);

/// <summary>Half-year circulars (半年通报): generated from the half-year's reports, task progress, indicators and punctuality; edited, published, downloaded as .docx.</summary>
public sealed class CircularService(IDbContextFactory<AppDbContext> dbFactory, IndicatorService indicators, NotificationService notify, TimeProvider clock, Localizer l)
{
    public const string Issuer = "临淄区城市绿色货运配送示范工程建设领导小组办公室";

    static string HalfName(int year, int half) => half == 1 ? $"{year}年上半年" : $"{year}年下半年";

    public async Task<List<CircularDto>> ListAsync(UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Circulars.AsNoTracking().Include(c => c.Sections).Include(c => c.IndicatorRows).AsQueryable();
        if (!user.IsOffice) q = q.Where(c => c.Status == CircularStatus.Published);
        return (await q.OrderByDescending(c => c.Year).ThenByDescending(c => c.Half).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<CircularDto?> GetAsync(int id, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Circulars.AsNoTracking().Include(x => x.Sections).Include(x => x.IndicatorRows).FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null || !user.IsOffice && c.Status != CircularStatus.Published ? null : ToDto(c);
    }

    static CircularDto ToDto(Circular c) => new(c.Id, c.Version, c.CampaignId, c.Year, c.Half, c.Title, c.DocumentNumber, c.Issuer, c.IssuedOn, c.Status, c.GeneratedAt, c.PublishedAt,
        c.Sections.OrderBy(s => s.SortOrder).Select(s => new CircularSectionDto(s.Id, s.SortOrder, s.Kind, s.UnitId, s.Heading, s.Body)).ToList(),
        c.IndicatorRows.OrderBy(r => r.SortOrder).Select(r => new CircularRowDto(r.Code, r.Name, r.Value, r.Target, r.Met)).ToList());

    /// <summary>Generates (or, while a draft, regenerates) the circular of a half-year.</summary>
    public async Task<Outcome<CircularDto>> GenerateAsync(GenerateIn d, UserContext user, CancellationToken ct)
    {
        if (!user.IsOffice) return Outcome<CircularDto>.Forbidden;
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "campaignId", d.CampaignId);
        RegistryRules.Required(errors, "year", d.Year);
        RegistryRules.Required(errors, "half", d.Half);
        if (d.Half is { } h) RegistryRules.Range(errors, "half", h, 1, 2);
        if (d.Year is { } y) RegistryRules.Range(errors, "year", y, 2000, 2100);
        if (!errors.Ok) return Outcome<CircularDto>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == d.CampaignId, ct);
        if (campaign is null) return Outcome<CircularDto>.NotFound;
        var (year, half) = (d.Year!.Value, d.Half!.Value);
        var circular = await db.Circulars.Include(c => c.Sections).Include(c => c.IndicatorRows).FirstOrDefaultAsync(c => c.CampaignId == campaign.Id && c.Year == year && c.Half == half, ct);
        if (circular is { Status: CircularStatus.Published }) return Outcome<CircularDto>.Conflict("campaign.circular.published");
        var (q1, q2, lastDay) = ReportingPeriods.HalfYear(year, half);

        var reports = await db.QuarterlyReports.AsNoTracking().Include(r => r.Unit).Include(r => r.Progress)
            .Where(r => r.CampaignId == campaign.Id && r.Year == year && (r.Quarter == q1.Quarter || r.Quarter == q2.Quarter)).ToListAsync(ct);
        var tasks = await db.CampaignTasks.AsNoTracking().Where(t => t.CampaignId == campaign.Id).ToDictionaryAsync(t => t.Id, ct);
        var rank = TaskOrdering.Ranks(tasks.Values);
        var members = await db.CampaignMembers.AsNoTracking().Include(m => m.Unit).Where(m => m.CampaignId == campaign.Id).OrderBy(m => m.SortOrder).ToListAsync(ct);
        var now = clock.GetUtcNow();

        var sections = new List<CircularSection>();
        var order = 0;
        // Overall progress.
        var counted = reports.Where(r => r.Status != ReportStatus.Draft || r.FirstSubmittedAt is not null).ToList();
        var latest = reports.Where(r => r.Quarter == q2.Quarter && r.Status == ReportStatus.Accepted).ToList();
        var allProgress = reports.Where(r => r.Status == ReportStatus.Accepted).GroupBy(r => r.UnitId).Select(g => g.OrderByDescending(r => r.Quarter).First()).SelectMany(r => r.Progress).ToList();
        var completed = allProgress.Where(p => p.Status == TaskProgressStatus.Completed).Select(p => p.TaskId).Distinct().Count();
        var behind = allProgress.Where(p => p.Status == TaskProgressStatus.Behind).Select(p => p.TaskId).Distinct().Count();
        var avg = allProgress.Count == 0 ? 0 : allProgress.Average(p => p.Percent);
        sections.Add(new CircularSection
        {
            SortOrder = ++order, Kind = CircularSectionKind.Overall, Heading = "一、总体进展情况",
            Body = string.Create(CultureInfo.InvariantCulture,
                $"{HalfName(year, half)}，按照“每季一调度，半年一通报”的调度机制，领导小组办公室对{members.Count}个成员单位及各镇、街道的{q1}、{q2}工作开展情况进行了调度。" +
                $"应报送{reports.Count}份，已报送{counted.Count}份，审核通过{reports.Count(r => r.Status == ReportStatus.Accepted)}份。" +
                $"各单位报送的{allProgress.Select(p => p.TaskId).Distinct().Count()}项任务中，已完成{completed}项，进度滞后{behind}项，平均完成进度{avg:0}%。"),
        });
        // Each unit with an accepted or submitted report in the half-year.
        var unitOrder = 0;
        foreach (var m in members)
        {
            var mine = reports.Where(r => r.UnitId == m.UnitId && r.Status != ReportStatus.Draft).OrderByDescending(r => r.Quarter).FirstOrDefault();
            if (mine is null) continue;
            var lines = mine.Progress.Where(p => tasks.ContainsKey(p.TaskId)).OrderBy(p => rank[p.TaskId])
                .Select(p => $"{tasks[p.TaskId].Number}{tasks[p.TaskId].Title}：{l.Enum(p.Status)}，完成{p.Percent}%。{p.Narrative}".Trim()).ToList();
            if (!string.IsNullOrWhiteSpace(mine.Problems)) lines.Add($"存在问题：{mine.Problems}");
            if (!string.IsNullOrWhiteSpace(mine.NextPlan)) lines.Add($"下步计划：{mine.NextPlan}");
            sections.Add(new CircularSection
            {
                SortOrder = ++order, Kind = CircularSectionKind.Unit, UnitId = m.UnitId, Heading = $"（{ChineseNumber(++unitOrder)}）{m.Unit!.Name}",
                Body = string.Join("\n", lines),
            });
        }
        // Indicator table as of the half-year's last day.
        var values = await indicators.EvaluateAllAsync(lastDay, Domain.Seed.IndicatorSeed.LinziSet, ct);
        var rows = values.Select((v, i) => new CircularIndicatorRow
        {
            SortOrder = i + 1, Code = v.Code, Name = v.Name, Value = v.Display, Target = v.Target?.Text ?? "", Met = v.Met switch { true => "已达标", false => "未达标", _ => "—" },
        }).ToList();
        sections.Add(new CircularSection { SortOrder = ++order, Kind = CircularSectionKind.Indicators, Heading = "二、创建指标完成情况", Body = $"截至{lastDay:yyyy年M月d日}，临淄区创建目标完成情况见下表。" });
        // Late or behind.
        var late = members.Where(m => reports.Any(r => r.UnitId == m.UnitId && !ReportingPeriods.WasOnTime(r.FirstSubmittedAt, r.DueOn) && r.DueOn < GreenFreight.Domain.ChinaTime.DateOf(now).AddDays(1))).Select(m => m.Unit!.Name).ToList();
        var behindUnits = members.Where(m => reports.Any(r => r.UnitId == m.UnitId && r.Progress.Any(p => p.Status == TaskProgressStatus.Behind))).Select(m => m.Unit!.Name).ToList();
        sections.Add(new CircularSection
        {
            SortOrder = ++order, Kind = CircularSectionKind.Late, Heading = "三、未按时报送及进度滞后单位",
            Body = (late.Count == 0 ? "各单位均按时报送了季度工作开展情况表。" : $"未按时报送季度工作开展情况表的单位：{string.Join("、", late)}。") + "\n" +
                   (behindUnits.Count == 0 ? "暂无任务进度滞后的单位。" : $"任务进度滞后的单位：{string.Join("、", behindUnits)}。请上述单位认真分析原因，加快推进。"),
        });
        sections.Add(new CircularSection
        {
            SortOrder = ++order, Kind = CircularSectionKind.Closing, Heading = "四、下步工作要求",
            Body = "各成员单位要对照工作方案确定的重点任务和创建目标，明确进度关键节点，按时报送季度工作开展情况表，确保各项工作按期完成。",
        });

        if (circular is null)
        {
            var n = await db.Circulars.CountAsync(c => c.Year == year, ct) + 1;
            circular = new Circular
            {
                CampaignId = campaign.Id, Year = year, Half = half, Issuer = Issuer, Status = CircularStatus.Draft,
                DocumentNumber = $"临绿配办〔{year}〕{n}号",
                Title = $"关于{HalfName(year, half)}绿色货运配送示范城市创建工作进展情况的通报",
                IssuedOn = GreenFreight.Domain.ChinaTime.DateOf(now),
            };
            db.Circulars.Add(circular);
        }
        else
        {
            db.CircularSections.RemoveRange(circular.Sections);
            db.CircularIndicatorRows.RemoveRange(circular.IndicatorRows);
            circular.Sections.Clear();
            circular.IndicatorRows.Clear();
        }
        circular.GeneratedAt = now;
        circular.Sections.AddRange(sections);
        circular.IndicatorRows.AddRange(rows);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<CircularDto>.Ok(ToDto(circular));
    }

    public async Task<Outcome<CircularDto>> UpdateAsync(int id, CircularIn d, UserContext user, CancellationToken ct)
    {
        if (!user.IsOffice) return Outcome<CircularDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Circulars.Include(x => x.Sections).Include(x => x.IndicatorRows).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Outcome<CircularDto>.NotFound;
        if (c.Status == CircularStatus.Published) return Outcome<CircularDto>.Conflict("campaign.circular.published");
        if (d.Version is { } v && v != c.Version) return Outcome<CircularDto>.Conflict("record.changed");
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "title", d.Title);
        RegistryRules.MaxLength(errors, "title", d.Title, 300);
        RegistryRules.Required(errors, "documentNumber", d.DocumentNumber);
        RegistryRules.MaxLength(errors, "documentNumber", d.DocumentNumber, 100);
        foreach (var (s, i) in (d.Sections ?? []).Select((s, i) => (s, i)))
        {
            errors.AddIf(c.Sections.All(x => x.Id != s.Id), $"sections[{i}].id", "problem.notfound");
            RegistryRules.Required(errors, $"sections[{i}].heading", s.Heading);
            RegistryRules.MaxLength(errors, $"sections[{i}].heading", s.Heading, 300);
            RegistryRules.MaxLength(errors, $"sections[{i}].body", s.Body, 20000);
        }
        if (!errors.Ok) return Outcome<CircularDto>.Invalid(errors);
        c.Title = d.Title!.Trim();
        c.DocumentNumber = d.DocumentNumber!.Trim();
        c.IssuedOn = d.IssuedOn ?? c.IssuedOn;
        foreach (var s in d.Sections ?? [])
        {
            var row = c.Sections.First(x => x.Id == s.Id);
            row.Heading = s.Heading!.Trim();
            row.Body = s.Body?.Trim() ?? "";
        }
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<CircularDto>.Conflict("record.changed"); }
        return Outcome<CircularDto>.Ok(ToDto(c));
    }

    public async Task<Outcome<CircularDto>> PublishAsync(int id, UserContext user, CancellationToken ct)
    {
        if (!user.IsOffice) return Outcome<CircularDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Circulars.Include(x => x.Sections).Include(x => x.IndicatorRows).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Outcome<CircularDto>.NotFound;
        if (c.Status == CircularStatus.Published) return Outcome<CircularDto>.Conflict("campaign.circular.published");
        c.Status = CircularStatus.Published;
        c.PublishedAt = clock.GetUtcNow();
        c.PublishedBy = user.UserName;
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        var members = await db.CampaignMembers.Where(m => m.CampaignId == c.CampaignId).Select(m => m.UnitId).ToListAsync(ct);
        var users = await db.Users.Where(u => u.UnitId != null && members.Contains(u.UnitId.Value) && u.UserName != null).Select(u => u.UserName!).ToListAsync(ct);
        await notify.NotifyAsync(new NotificationMessage($"已发布：{c.Title}", $"{c.DocumentNumber}", $"/campaign/circulars/{c.Id}", $"circular-{c.Id}"), users, ct);
        return Outcome<CircularDto>.Ok(ToDto(c));
    }

    public async Task<(byte[] Content, string FileName)?> DocxAsync(int id, UserContext user, CancellationToken ct)
    {
        var c = await GetAsync(id, user, ct);
        return c is null ? null : (Docx(c), $"{c.Title}.docx");
    }

    static string ChineseNumber(int n)
    {
        string[] d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return n switch { < 10 => d[n], 10 => "十", < 20 => "十" + d[n - 10], _ => d[n / 10] + "十" + d[n % 10] };
    }

    /// <summary>The circular as an official-document style Word file: red header, document number, red rule, title, sections, indicator table, issuer and date.</summary>
    public static byte[] Docx(CircularDto c)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Para(Issuer.Replace("办公室", "办公室文件", StringComparison.Ordinal), JustificationValues.Center, 52, bold: true, color: "FF0000", font: "方正小标宋简体"));
            body.Append(Para(c.DocumentNumber, JustificationValues.Center, 32, font: "仿宋_GB2312"));
            body.Append(new Paragraph(new ParagraphProperties(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18, Color = "FF0000", Space = 1 }))));
            body.Append(Para(c.Title, JustificationValues.Center, 44, bold: true, font: "方正小标宋简体"));
            body.Append(Para("各成员单位，各镇、街道：", JustificationValues.Left, 32, font: "仿宋_GB2312"));
            foreach (var s in c.Sections)
            {
                body.Append(Para(s.Heading, JustificationValues.Left, 32, bold: true, font: s.Kind == CircularSectionKind.Unit ? "楷体_GB2312" : "黑体"));
                foreach (var line in s.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    body.Append(Para(line, JustificationValues.Both, 32, font: "仿宋_GB2312", indent: true));
                if (s.Kind == CircularSectionKind.Indicators) body.Append(Table(c.IndicatorRows));
            }
            body.Append(Para(c.Issuer, JustificationValues.Right, 32, font: "仿宋_GB2312"));
            body.Append(Para(c.IssuedOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture), JustificationValues.Right, 32, font: "仿宋_GB2312"));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
            main.Document.Save();
        }
        return ms.ToArray();
    }

    static Paragraph Para(string text, JustificationValues align, int halfPoints, bool bold = false, string? color = null, string font = "仿宋_GB2312", bool indent = false)
    {
        var rp = new RunProperties(new RunFonts { Ascii = font, EastAsia = font, HighAnsi = font }, new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        if (bold) rp.Append(new Bold());
        if (color is not null) rp.Append(new Color { Val = color });
        var pp = new ParagraphProperties(new Justification { Val = align }, new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (indent) pp.Append(new Indentation { FirstLineChars = 200 });
        return new Paragraph(pp, new Run(rp, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    static Table Table(IReadOnlyList<CircularRowDto> rows)
    {
        var t = new Table(new TableProperties(new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        t.Append(Row(true, "序号", "指标", "目标", "完成值", "是否达标"));
        foreach (var (r, i) in rows.Select((r, i) => (r, i)))
            t.Append(Row(false, (i + 1).ToString(CultureInfo.InvariantCulture), r.Name, r.Target, r.Value, r.Met));
        return t;
    }

    static TableRow Row(bool header, params string[] cells) =>
        new(cells.Select(text => new TableCell(new Paragraph(new Run(
            new RunProperties(new RunFonts { EastAsia = "仿宋_GB2312" }, new FontSize { Val = "24" }, header ? new Bold() : new Bold { Val = OnOffValue.FromBoolean(false) }),
            new Text(text))))));
}
