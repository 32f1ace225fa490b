using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GreenFreight.Server.Data;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Api;

/// <summary>The ministry form, the document archive, meetings with action items and the annual assessment. SQLite and PostgreSQL.</summary>
public abstract class ReportingApiTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    static readonly string[] Categories =
    [
        .. Enumerable.Repeat("体制机制保障", 8), .. Enumerable.Repeat("城市配送物流基础设施", 3), .. Enumerable.Repeat("城市配送车辆及配套设施", 8),
        .. Enumerable.Repeat("便利通行政策", 6), .. Enumerable.Repeat("先进配送组织模式", 2), "信息化建设", "市场主体培育", "物流降本增效", "物流降本增效", "节能减排",
    ];

    async Task<Dictionary<string, int>> UnitIdsAsync(HttpClient c) =>
        (await Ok(await c.GetAsync("/api/units?pageSize=200"))).GetProperty("items").EnumerateArray()
            .ToDictionary(u => u.GetProperty("code").GetString()!, u => u.GetProperty("id").GetInt32());

    [Fact]
    public async Task Ministry_form_has_the_32_rows_with_the_indicator_engines_values_and_the_units_evidence()
    {
        var admin = await Factory.ClientForAsync("admin");
        // A unit's evidence in force at the end of 2025 Q4: its description and attachment name go on the form.
        var entry = new MultipartFormDataContent
        {
            { new StringContent("2025-11-03"), "asOf" }, { new StringContent("1"), "value" },
            { new StringContent("修订《临淄区城市配送车辆停放管理方案》，新增限时装卸泊位。"), "description" },
        };
        var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4 test"));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        entry.Add(pdf, "files", "停车便利政策2025.pdf");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/indicators/M22/entries", entry)).StatusCode);

        var form = await Ok(await admin.GetAsync("/api/reports/ministry-form?year=2025&quarter=4"));
        Assert.Equal("城市绿色货运配送示范工程运行情况信息表", form.GetProperty("title").GetString());
        Assert.Equal("2025年第4季度", form.GetProperty("reportingPeriod").GetString());
        Assert.Equal("2025-12-31", form.GetProperty("asOf").GetString());
        Assert.Equal(["指标分类", "具体指标", "值", "描述", "附件名称"], form.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray());
        var rows = form.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 32), rows.Select(r => r.GetProperty("no").GetInt32()));
        Assert.Equal(Categories, rows.Select(r => r.GetProperty("category").GetString()!).ToArray());

        var engine = (await Ok(await admin.GetAsync("/api/indicators?asOf=2025-12-31&set=MOT"))).EnumerateArray().ToDictionary(v => v.GetProperty("no").GetInt32());
        foreach (var r in rows)
        {
            var e = engine[r.GetProperty("no").GetInt32()];
            Assert.Equal(e.GetProperty("name").GetString(), r.GetProperty("indicator").GetString());
            Assert.Equal(e.GetProperty("kind").GetString(), r.GetProperty("kind").GetString());
            Assert.Equal(e.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : e.GetProperty("value").GetDecimal(),
                r.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : r.GetProperty("value").GetDecimal());
        }
        // Computed rows have the registries' numbers (demo data has stations and vehicles); manual rows the demo entries.
        Assert.True(rows[10].GetProperty("computed").GetBoolean() && rows[10].GetProperty("value").GetDecimal() > 0);
        Assert.Equal(3_912_640.00m, rows[4].GetProperty("value").GetDecimal());
        Assert.Equal("是", rows[0].GetProperty("display").GetString());
        var r22 = rows[21];
        Assert.Contains("新增限时装卸泊位", r22.GetProperty("description").GetString());
        Assert.Equal(["停车便利政策2025.pdf"], r22.GetProperty("attachments").EnumerateArray().Select(a => a.GetString()!).ToArray());
        // Row 28: the six functions, four of them on line by mid-2025 in the demo entries.
        var checklist = rows[27].GetProperty("checklist").EnumerateArray().ToList();
        Assert.Equal(["政务发布", "信息查询", "车辆监管", "数据分析", "电子围栏", "交通诱导"], checklist.Select(c => c.GetProperty("function").GetString()!).ToArray());
        Assert.Equal([true, true, true, true, false, false], checklist.Select(c => c.GetProperty("checked").GetBoolean()).ToArray());

        // An earlier quarter: the values as of then (the M22 entry of 2025-11 is not yet in force).
        var early = (await Ok(await admin.GetAsync("/api/reports/ministry-form?year=2024&quarter=2"))).GetProperty("rows").EnumerateArray().ToList();
        Assert.Empty(early[21].GetProperty("attachments").EnumerateArray());
        Assert.Equal(1_280_000.00m, early[4].GetProperty("value").GetDecimal());

        // Bad input names the field; enterprises get nothing.
        var bad = await Problem(await admin.GetAsync("/api/reports/ministry-form?year=2025&quarter=5"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("quarter", out _));
        bad = await Problem(await admin.GetAsync("/api/reports/ministry-form.xlsx?quarter=1"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("year", out _));
        bad = await Problem(await admin.GetAsync("/api/reports/ministry-form?year=abc&quarter=1"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("year", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.ClientForAsync("qiye")).GetAsync("/api/reports/ministry-form?year=2025&quarter=4")).StatusCode);
    }

    static string CellText(Cell c, SharedStringTablePart? sst) =>
        c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText ?? ""
        : c.DataType?.Value == CellValues.SharedString ? sst!.SharedStringTable.ElementAt(int.Parse(c.CellValue!.Text)).InnerText
        : c.CellValue?.Text ?? "";

    [Fact]
    public async Task Ministry_form_xlsx_has_the_header_the_32_rows_and_the_checklist()
    {
        var jtj = await Factory.ClientForAsync("jtj");
        var r = await jtj.GetAsync("/api/reports/ministry-form.xlsx?year=2025&quarter=4&reporter=%E5%BC%A0%E4%B8%89&phone=0533-7181234");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        var json = await Ok(await jtj.GetAsync("/api/reports/ministry-form?year=2025&quarter=4"));
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.WorksheetParts.Single().Worksheet;
        var cells = sheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => CellText(c, wb.SharedStringTablePart));
        string At(string reference) => cells.GetValueOrDefault(reference, "");

        Assert.Equal("城市绿色货运配送示范工程运行情况信息表", At("A1"));
        Assert.Contains("示范城市：", At("A2"));
        Assert.Contains("示范期：2022年10月至2025年9月", At("C2"));
        Assert.Equal("填报人：张三", At("A3"));
        Assert.Equal("联系电话：0533-7181234", At("B3"));
        Assert.Equal("填报周期：2025年第4季度", At("C3"));
        Assert.Equal(["指标分类", "具体指标", "值", "描述", "附件名称"], new[] { "A4", "B4", "C4", "D4", "E4" }.Select(At).ToArray());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        for (var i = 0; i < 32; i++)
        {
            Assert.Equal(rows[i].GetProperty("indicator").GetString(), At($"B{5 + i}"));
            if (rows[i].GetProperty("kind").GetString() == "Integer")
                Assert.Equal(rows[i].GetProperty("value").GetDecimal(), decimal.Parse(At($"C{5 + i}"), System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal("体制机制保障", At("A5"));
        Assert.Contains(sheet.Descendants<MergeCell>(), m => m.Reference!.Value == "A5:A12");   // 8 rows of 体制机制保障
        Assert.Equal("节能减排", At("A36"));
        var checklistTitle = cells.Single(c => c.Value.StartsWith("城市货运配送公共信息服务平台功能清单")).Key;
        var start = int.Parse(checklistTitle[1..]) + 2;
        Assert.Equal(["政务发布", "信息查询", "车辆监管", "数据分析", "电子围栏", "交通诱导"], Enumerable.Range(start, 6).Select(n => At($"B{n}")).ToArray());
        Assert.StartsWith("☑", At($"C{start}"));
        Assert.StartsWith("☐", At($"C{start + 5}"));
    }

    [Fact]
    public async Task Archive_upload_search_download_delete_round_trip_with_permissions_and_audit()
    {
        var admin = await Factory.ClientForAsync("admin");
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.4 临淄区落实淄博市创建国家绿色货运配送示范城市工作方案");
        MultipartFormDataContent Upload(string? title)
        {
            var c = new MultipartFormDataContent
            {
                { new StringContent("临政办字〔2023〕25号"), "documentNo" }, { new StringContent("2023-11-10"), "issuedOn" },
                { new StringContent("临淄区人民政府办公室"), "issuer" }, { new StringContent("WorkPlan"), "category" },
            };
            if (title is not null) c.Add(new StringContent(title), "title");
            var f = new ByteArrayContent(bytes);
            f.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            c.Add(f, "file", "临政办字〔2023〕25号.pdf");
            return c;
        }
        var created = await Ok(await admin.PostAsync("/api/documents", Upload("关于印发临淄区落实淄博市创建国家绿色货运配送示范城市工作方案的通知")));
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("工作方案", created.GetProperty("categoryText").GetString());

        var byTitle = (await Ok(await admin.GetAsync("/api/documents?q=" + Uri.EscapeDataString("示范城市工作方案")))).EnumerateArray().ToList();
        Assert.Contains(byTitle, d => d.GetProperty("id").GetInt32() == id);
        var jtj = await Factory.ClientForAsync("jtj");
        var byNo = (await Ok(await jtj.GetAsync("/api/documents?q=" + Uri.EscapeDataString("〔2023〕25号") + "&category=WorkPlan&year=2023"))).EnumerateArray().ToList();
        Assert.Equal(id, Assert.Single(byNo).GetProperty("id").GetInt32());
        Assert.Empty((await Ok(await jtj.GetAsync("/api/documents?q=" + Uri.EscapeDataString("〔2023〕25号") + "&year=2024"))).EnumerateArray());
        var file = await jtj.GetAsync($"/api/documents/{id}/file");
        Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);

        // Bad input and permissions.
        var bad = await Problem(await admin.PostAsync("/api/documents", Upload(null)), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("title", out _));
        bad = await Problem(await admin.GetAsync("/api/documents?category=Nope"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("category", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.PostAsync("/api/documents", Upload("单位不能上传"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.DeleteAsync($"/api/documents/{id}")).StatusCode);
        var qiye = await Factory.ClientForAsync("qiye");
        Assert.Equal(HttpStatusCode.Forbidden, (await qiye.GetAsync("/api/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await qiye.GetAsync($"/api/documents/{id}/file")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/documents/{id}/file")).StatusCode);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "ArchiveDocument" && a.EntityId == id.ToString()).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("admin", a.UserName));
    }

    [Fact]
    public async Task Meeting_decisions_become_action_items_that_the_owner_unit_updates()
    {
        var admin = await Factory.ClientForAsync("admin");
        var units = await UnitIdsAsync(admin);
        var meeting = await Ok(await admin.PostAsJsonAsync("/api/meetings", new
        {
            title = "2025年上半年领导小组会议", date = "2025-06-20", location = "区交通运输局会议室", agenda = "通报创建工作进展；研究末端共同配送站布局",
            minutes = "会议听取了各成员单位工作进展汇报，议定如下事项。", publish = true,
            attendance = new object[] { new { unitId = units["JTYSJ"], present = true, representative = "王某" }, new { unitId = units["SWJ"], present = false } },
        }));
        var id = meeting.GetProperty("id").GetInt32();
        Assert.Equal(2, meeting.GetProperty("attendance").GetArrayLength());
        var late = await Ok(await admin.PostAsJsonAsync($"/api/meetings/{id}/action-items", new { decision = "完成末端共同配送站选址论证", ownerUnitId = units["JTYSJ"], dueDate = "2025-09-30" }));
        var future = await Ok(await admin.PostAsJsonAsync($"/api/meetings/{id}/action-items", new { decision = "制定商超共同配送推广方案", ownerUnitId = units["SWJ"], dueDate = "2099-12-31" }));
        Assert.True(late.GetProperty("overdue").GetBoolean());
        Assert.False(future.GetProperty("overdue").GetBoolean());
        var bad = await Problem(await admin.PostAsJsonAsync($"/api/meetings/{id}/action-items", new { decision = "早于会议", ownerUnitId = units["SWJ"], dueDate = "2025-01-01" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("dueDate", out _));

        var jtj = await Factory.ClientForAsync("jtj");
        var mine = (await Ok(await jtj.GetAsync("/api/meetings/action-items?mine=true"))).EnumerateArray().ToList();
        var item = Assert.Single(mine, a => a.GetProperty("id").GetInt32() == late.GetProperty("id").GetInt32());
        Assert.Equal("区交通运输局", item.GetProperty("ownerUnit").GetString());
        Assert.DoesNotContain(mine, a => a.GetProperty("id").GetInt32() == future.GetProperty("id").GetInt32());
        Assert.Contains((await Ok(await jtj.GetAsync("/api/meetings/action-items?overdue=true"))).EnumerateArray(), a => a.GetProperty("id").GetInt32() == late.GetProperty("id").GetInt32());

        // Units cannot edit meetings or other units' items; the owner marks its item done.
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.PostAsJsonAsync("/api/meetings", new { title = "x", date = "2025-07-01", agenda = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.PutAsJsonAsync($"/api/meetings/{id}", new { title = "x", date = "2025-07-01", agenda = "x" })).StatusCode);
        var swj = await Factory.ClientForAsync("swj");
        Assert.Equal(HttpStatusCode.Forbidden, (await swj.PutAsJsonAsync($"/api/meetings/action-items/{late.GetProperty("id").GetInt32()}", new { status = "Done", progress = "x" })).StatusCode);
        bad = await Problem(await jtj.PutAsJsonAsync($"/api/meetings/action-items/{late.GetProperty("id").GetInt32()}", new { status = "Done" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("progress", out _));
        var done = await Ok(await jtj.PutAsJsonAsync($"/api/meetings/action-items/{late.GetProperty("id").GetInt32()}", new { status = "Done", progress = "已完成10处选址论证" }));
        Assert.Equal("Done", done.GetProperty("status").GetString());
        Assert.False(done.GetProperty("overdue").GetBoolean());
        Assert.Equal("jtj", done.GetProperty("updatedBy").GetString());

        // A draft meeting is the office's only; enterprises see nothing.
        var draft = await Ok(await admin.PostAsJsonAsync("/api/meetings", new { title = "专题会议（草稿）", date = "2025-07-10", agenda = "研究停靠泊位" }));
        Assert.Equal(HttpStatusCode.NotFound, (await jtj.GetAsync($"/api/meetings/{draft.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jtj.GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.ClientForAsync("qiye")).GetAsync("/api/meetings")).StatusCode);
    }

    [Fact]
    public async Task Assessment_scores_and_ranks_the_member_units_and_exports_excel_and_word()
    {
        var admin = await Factory.ClientForAsync("admin");
        var units = await UnitIdsAsync(admin);
        var jtj = await Factory.ClientForAsync("jtj");
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.PutAsJsonAsync("/api/assessment/2025", new { })).StatusCode);
        var bad = await Problem(await admin.PutAsJsonAsync("/api/assessment/2025", new { items = new[] { new { code = "X", name = "只有一项", weight = 60, source = "Manual", rule = "Linear" } } }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("items", out _));
        var scheme = await Ok(await admin.PutAsJsonAsync("/api/assessment/2025", new { }));
        Assert.Equal(100m, scheme.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("weight").GetDecimal()));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/assessment/2025/scores", new { unitId = units["JTYSJ"], itemCode = "M1", points = 14 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/assessment/2025/scores", new { unitId = units["JTYSJ"], comment = "牵头推进有力" })).StatusCode);
        bad = await Problem(await admin.PostAsJsonAsync("/api/assessment/2025/scores", new { unitId = units["SWJ"], itemCode = "M1", points = 99 }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("points", out _));
        bad = await Problem(await admin.PostAsJsonAsync("/api/assessment/2025/scores", new { unitId = units["SWJ"], itemCode = "A1", points = 10 }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("itemCode", out _));

        // The office re-weights the scheme: the scores given on kept items stay; a weight below a given score is refused
        // with nothing changed; a dropped item takes its scores with it.
        object Item(JsonElement i, decimal? weight = null) => new
        {
            code = i.GetProperty("code").GetString(), name = i.GetProperty("name").GetString(), weight = weight ?? i.GetProperty("weight").GetDecimal(),
            source = i.GetProperty("source").GetString(), rule = i.GetProperty("rule").GetString(), steps = i.TryGetProperty("steps", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString() : null,
        };
        var items = scheme.GetProperty("items").EnumerateArray().ToList();
        var version = scheme.GetProperty("version").GetInt32();
        bad = await Problem(await admin.PutAsJsonAsync("/api/assessment/2025", new
        {
            items = items.Select(i => i.GetProperty("code").GetString() switch { "M1" => Item(i, 10), "M2" => Item(i, 15), _ => Item(i) }).ToList(), version,
        }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("items[3].weight", out _));   // M1: 区交通运输局 has 14 points
        var reweighted = await Ok(await admin.PutAsJsonAsync("/api/assessment/2025", new
        {
            name = "2025年度成员单位考核（调整分值）",
            items = items.Select(i => i.GetProperty("code").GetString() switch { "A1" => Item(i, 20), "M1" => Item(i, 20), _ => Item(i) }).ToList(), version,
        }));
        Assert.Equal(20m, reweighted.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "M1").GetProperty("weight").GetDecimal());
        var kept = (await Ok(await admin.GetAsync("/api/assessment/2025/results"))).GetProperty("results").EnumerateArray().Single(r => r.GetProperty("unitId").GetInt32() == units["JTYSJ"]);
        Assert.Equal(14m, kept.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "M1").GetProperty("points").GetDecimal());
        // A stale version is a conflict.
        await Problem(await admin.PutAsJsonAsync("/api/assessment/2025", new { items = items.Select(i => Item(i)).ToList(), version }), HttpStatusCode.Conflict);
        scheme = await Ok(await admin.PutAsJsonAsync("/api/assessment/2025", new { items = items.Select(i => Item(i)).ToList(), version = reweighted.GetProperty("version").GetInt32() }));

        // Units see the results only once published.
        Assert.Equal(HttpStatusCode.NotFound, (await jtj.GetAsync("/api/assessment/2025/results")).StatusCode);
        var results = (await Ok(await admin.GetAsync("/api/assessment/2025/results"))).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(16, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var total = results[i].GetProperty("total").GetDecimal();
            Assert.Equal(total, results[i].GetProperty("items").EnumerateArray().Sum(s => s.GetProperty("points").GetDecimal()));
            if (i > 0)
            {
                var prev = results[i - 1];
                Assert.True(prev.GetProperty("total").GetDecimal() >= total);
                Assert.Equal(prev.GetProperty("total").GetDecimal() == total ? prev.GetProperty("rank").GetInt32() : i + 1, results[i].GetProperty("rank").GetInt32());
            }
        }
        var transport = results.Single(r => r.GetProperty("unitId").GetInt32() == units["JTYSJ"]);
        Assert.Equal(14m, transport.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "M1").GetProperty("points").GetDecimal());
        Assert.Equal("牵头推进有力", transport.GetProperty("comment").GetString());
        // 区交通运输局 owns indicators with values in the demo data: its A3 ratio is measured.
        Assert.NotEqual(JsonValueKind.Null, transport.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "A3").GetProperty("ratio").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/assessment/2025/publish", null)).StatusCode);
        Assert.Equal(16, (await Ok(await jtj.GetAsync("/api/assessment/2025/results"))).GetProperty("results").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.ClientForAsync("qiye")).GetAsync("/api/assessment/2025/results")).StatusCode);

        var xlsx = await admin.GetAsync("/api/assessment/2025/results.xlsx");
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var rows = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
            Assert.Equal(2 + 16, rows.Count);
            Assert.Contains("区交通运输局", rows.Skip(2).Select(r => r.Elements<Cell>().ElementAt(1).InnerText));
        }
        var docx = await admin.GetAsync("/api/assessment/2025/results.docx");
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var body = word.MainDocumentPart!.Document.Body!;
            Assert.Contains("2025年度", body.InnerText);
            Assert.Equal(1 + 16, body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Count());
            Assert.Contains("区交通运输局：牵头推进有力", body.InnerText);
        }
    }
}

public sealed class SqliteReportingApiTests(SqliteFactory factory) : ReportingApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresReportingApiTests(PostgresFactory factory) : ReportingApiTests(factory), IClassFixture<PostgresFactory>;
