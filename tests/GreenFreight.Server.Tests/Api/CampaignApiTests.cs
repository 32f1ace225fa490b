using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GreenFreight.Domain.Auditing;
using GreenFreight.Domain.Indicators;
using GreenFreight.Server.Data;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Api;

/// <summary>Campaign tasks, quarterly reports (scoping, workflow, review), notifications and the half-year circular. Runs on SQLite and on PostgreSQL.</summary>
public abstract class CampaignApiTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    async Task<int> CampaignIdAsync(HttpClient c) =>
        (await Ok(await c.GetAsync("/api/campaigns"))).EnumerateArray().Single(x => x.GetProperty("documentNumber").GetString() == "临政办字〔2023〕25号").GetProperty("id").GetInt32();

    [Fact]
    public async Task The_seeded_plan_has_its_tasks_and_units_see_the_ones_they_lead_or_share()
    {
        var admin = await Factory.ClientForAsync("admin");
        var id = await CampaignIdAsync(admin);
        var tasks = (await Ok(await admin.GetAsync($"/api/campaigns/{id}/tasks"))).EnumerateArray().ToList();
        Assert.Equal(20, tasks.Count);
        var stations = tasks.Single(t => t.GetProperty("title").GetString()!.StartsWith("推动末端共同配送站共建共用", StringComparison.Ordinal));
        Assert.Equal("LZ-STATIONS", stations.GetProperty("targetIndicator").GetString());
        Assert.Equal("2025-09-30", stations.GetProperty("dueOn").GetString());
        Assert.Equal(new[] { "区交通运输局", "区供销社", "区商务局" }.Order(), stations.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()!).Order());
        var platform = tasks.Single(t => t.GetProperty("title").GetString() == "构建城市绿色货运配送公共信息服务平台");
        var leads = platform.GetProperty("units").EnumerateArray().Where(u => u.GetProperty("role").GetString() == "Lead").Select(u => u.GetProperty("unit").GetString()).ToList();
        Assert.Equal(["区交通运输局", "区大数据中心"], leads.Order());

        var swj = await Factory.ClientForAsync("swj");
        var mine = (await Ok(await swj.GetAsync($"/api/campaigns/{id}/tasks"))).EnumerateArray().ToList();
        Assert.True(mine.Count < tasks.Count);
        Assert.All(mine.Where(t => t.GetProperty("parentId").ValueKind != JsonValueKind.Null || t.GetProperty("units").GetArrayLength() > 0),
            t => Assert.Contains(t.GetProperty("units").EnumerateArray(), u => u.GetProperty("unit").GetString() == "区商务局"));
        Assert.DoesNotContain(mine, t => t.GetProperty("title").GetString() == "完善城市配送车辆便利通行政策");

        var members = (await Ok(await swj.GetAsync($"/api/campaigns/{id}/members"))).EnumerateArray().ToList();
        Assert.StartsWith("做好共同配送模式在商贸行业的推广应用工作", members.Single(m => m.GetProperty("unit").GetString() == "区商务局").GetProperty("duties").GetString());

        // Only the office edits tasks; a task needs a lead unit.
        Assert.Equal(HttpStatusCode.Forbidden, (await swj.PutAsJsonAsync($"/api/tasks/{stations.GetProperty("id").GetInt32()}", new { title = "x" })).StatusCode);
        var bad = await Problem(await admin.PostAsJsonAsync("/api/tasks", new { campaignId = id, title = "新任务", units = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("units", out _));

        // A unit in the campaign cannot be deleted from the registry.
        var fgj = (await Ok(await admin.GetAsync("/api/units?q=FGJ"))).GetProperty("items").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "FGJ");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/units/{fgj.GetProperty("id").GetInt32()}")).StatusCode);

        var paths = (await Ok(await Factory.CreateClient().GetAsync("/openapi/v1.json"))).GetProperty("paths");
        foreach (var p in new[] { "/api/campaigns", "/api/campaigns/{id}/tasks", "/api/tasks/{id}", "/api/reports/{id}/submit", "/api/reports/{id}/return", "/api/circulars/{id}/docx", "/api/notifications" })
            Assert.True(paths.TryGetProperty(p, out _), p);
    }

    [Fact]
    public async Task A_unit_files_its_report_the_office_returns_and_accepts_and_the_circular_shows_it()
    {
        var admin = await Factory.ClientForAsync("admin");
        var jtj = await Factory.ClientForAsync("jtj");
        var swj = await Factory.ClientForAsync("swj");
        var id = await CampaignIdAsync(admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.PostAsJsonAsync("/api/reports/open", new { campaignId = id, year = 2025, quarter = 1 })).StatusCode);
        var opened = await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = id, year = 2025, quarter = 1 }));
        Assert.Equal(28, opened.GetInt32());
        Assert.Equal(0, (await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = id, year = 2025, quarter = 1 }))).GetInt32());
        await Problem(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = id, year = 2025, quarter = 5 }), HttpStatusCode.BadRequest);

        var list = (await Ok(await jtj.GetAsync("/api/reports?year=2025&quarter=1"))).EnumerateArray().ToList();
        var report = Assert.Single(list);
        Assert.Equal("区交通运输局", report.GetProperty("unit").GetString());
        Assert.Equal("2025-04-01", report.GetProperty("opensOn").GetString());
        Assert.Equal("2025-04-07", report.GetProperty("dueOn").GetString());
        Assert.True(report.GetProperty("overdue").GetBoolean()); // today is long after 2025-04-07
        var rid = report.GetProperty("id").GetInt32();
        Assert.Contains((await Ok(await admin.GetAsync("/api/reports?overdue=true&year=2025&quarter=1"))).EnumerateArray(), r => r.GetProperty("id").GetInt32() == rid);

        // Another unit cannot see or touch it.
        Assert.Equal(HttpStatusCode.NotFound, (await swj.GetAsync($"/api/reports/{rid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await swj.PutAsJsonAsync($"/api/reports/{rid}", new { problems = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await swj.PostAsync($"/api/reports/{rid}/submit", null)).StatusCode);
        Assert.DoesNotContain((await Ok(await swj.GetAsync("/api/reports"))).EnumerateArray(), r => r.GetProperty("id").GetInt32() == rid);

        var detail = await Ok(await jtj.GetAsync($"/api/reports/{rid}"));
        var progress = detail.GetProperty("progress").EnumerateArray().ToList();
        Assert.Contains(progress, p => p.GetProperty("task").GetString() == "1．构建城市绿色货运配送公共信息服务平台" && p.GetProperty("role").GetString() == "Lead");
        var indicators = detail.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Contains("M30", indicators);
        const string narrative = "区级平台已与市城市绿色货运配送公共信息服务平台完成对接，试点企业平台接入数据。";
        var first = progress[0].GetProperty("taskId").GetInt32();
        var bad = await Problem(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new { progress = new[] { new { taskId = first, status = "InProgress", percent = 150, narrative } } }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("progress[0].percent", out _));
        var saved = await Ok(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new
        {
            problems = "部分试点企业平台数据接口不稳定。", nextPlan = "督促试点企业完成接口改造。",
            progress = new[] { new { taskId = first, status = "InProgress", percent = 60, narrative } },
            indicators = new[] { new { code = "M30", value = 8.5m, description = "抽样调查测算（测试）" } },
        }));
        Assert.Equal(60, saved.GetProperty("progress")[0].GetProperty("percent").GetInt32());
        // The office reviews; it does not write a unit's report nor accept a draft; a unit does not accept.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync($"/api/reports/{rid}", new { problems = "x" })).StatusCode);
        await Problem(await admin.PostAsJsonAsync($"/api/reports/{rid}/accept", new { }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.PostAsJsonAsync($"/api/reports/{rid}/accept", new { })).StatusCode);

        var submitted = await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null));
        Assert.Equal("Submitted", submitted.GetProperty("summary").GetProperty("status").GetString());
        Assert.False(submitted.GetProperty("summary").GetProperty("onTime").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, submitted.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "M30").GetProperty("entryId").ValueKind);
        await Problem(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new { problems = "x" }), HttpStatusCode.Conflict);
        await Problem(await jtj.PostAsync($"/api/reports/{rid}/submit", null), HttpStatusCode.Conflict);
        Assert.Contains((await Ok(await admin.GetAsync("/api/notifications"))).EnumerateArray(), n => n.GetProperty("title").GetString()!.Contains("区交通运输局已报送"));

        var noComment = await Problem(await admin.PostAsJsonAsync($"/api/reports/{rid}/return", new { comment = "" }), HttpStatusCode.BadRequest);
        Assert.True(noComment.GetProperty("errors").TryGetProperty("comment", out _));
        var returned = await Ok(await admin.PostAsJsonAsync($"/api/reports/{rid}/return", new { comment = "请补充平台对接的具体企业数量。" }));
        Assert.Equal("Returned", returned.GetProperty("summary").GetProperty("status").GetString());
        var notes = (await Ok(await jtj.GetAsync("/api/notifications?unread=true"))).EnumerateArray().ToList();
        var note = notes.First(n => n.GetProperty("title").GetString()!.Contains("被退回"));
        Assert.Equal("请补充平台对接的具体企业数量。", note.GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await jtj.PostAsync($"/api/notifications/{note.GetProperty("id").GetInt32()}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await swj.PostAsync($"/api/notifications/{note.GetProperty("id").GetInt32()}/read", null)).StatusCode);

        await Ok(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new { progress = new[] { new { taskId = first, status = "InProgress", percent = 70, narrative = narrative + "已接入8家试点企业。" } } }));
        Assert.Equal("Resubmitted", (await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null))).GetProperty("summary").GetProperty("status").GetString());
        var accepted = await Ok(await admin.PostAsJsonAsync($"/api/reports/{rid}/accept", new { }));
        Assert.Equal("Accepted", accepted.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(["Submitted", "Returned", "Resubmitted", "Accepted"], accepted.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("to").GetString()));

        // Circular of the first half of 2025.
        Assert.Equal(HttpStatusCode.Forbidden, (await jtj.PostAsJsonAsync("/api/circulars/generate", new { campaignId = id, year = 2025, half = 1 })).StatusCode);
        var circular = await Ok(await admin.PostAsJsonAsync("/api/circulars/generate", new { campaignId = id, year = 2025, half = 1 }));
        var cid = circular.GetProperty("id").GetInt32();
        var title = circular.GetProperty("title").GetString()!;
        Assert.Equal("关于2025年上半年绿色货运配送示范城市创建工作进展情况的通报", title);
        var unitSection = circular.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("heading").GetString()!.EndsWith("区交通运输局", StringComparison.Ordinal));
        Assert.Contains("已接入8家试点企业", unitSection.GetProperty("body").GetString());
        var late = circular.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "Late").GetProperty("body").GetString()!;
        Assert.Contains("区商务局", late); // never handed in
        // Edit a section before publishing.
        var sections = circular.GetProperty("sections").EnumerateArray().Select(s => new
        {
            id = s.GetProperty("id").GetInt32(), heading = s.GetProperty("heading").GetString(),
            body = s.GetProperty("id").GetInt32() == unitSection.GetProperty("id").GetInt32() ? s.GetProperty("body").GetString() + "\n办公室补充：工作成效明显。" : s.GetProperty("body").GetString(),
        }).ToList();
        await Ok(await admin.PutAsJsonAsync($"/api/circulars/{cid}", new { title, documentNumber = circular.GetProperty("documentNumber").GetString(), sections }));
        Assert.Equal(HttpStatusCode.NotFound, (await jtj.GetAsync($"/api/circulars/{cid}/docx")).StatusCode); // a draft is the office's

        var docx = await admin.GetAsync($"/api/circulars/{cid}/docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var body = doc.MainDocumentPart!.Document!.Body!;
            var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains(title, paragraphs);
            Assert.Contains(circular.GetProperty("documentNumber").GetString(), paragraphs);
            Assert.Contains(paragraphs, p => p.Contains("已接入8家试点企业"));
            Assert.Contains("办公室补充：工作成效明显。", paragraphs);
            var table = body.Elements<Table>().Single();
            var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
            var expected = (await Ok(await admin.GetAsync("/api/indicators?set=LINZI&asOf=2025-06-30"))).EnumerateArray().ToList();
            Assert.Equal(expected.Count + 1, rows.Count);
            foreach (var (e, i) in expected.Select((e, i) => (e, i)))
            {
                Assert.Equal(e.GetProperty("name").GetString(), rows[i + 1][1]);
                Assert.Equal(e.GetProperty("display").GetString(), rows[i + 1][3]);
            }
        }

        await Ok(await admin.PostAsync($"/api/circulars/{cid}/publish", null));
        await Problem(await admin.PostAsync($"/api/circulars/{cid}/publish", null), HttpStatusCode.Conflict);
        await Problem(await admin.PostAsJsonAsync("/api/circulars/generate", new { campaignId = id, year = 2025, half = 1 }), HttpStatusCode.Conflict);
        Assert.Contains((await Ok(await swj.GetAsync("/api/notifications"))).EnumerateArray(), n => n.GetProperty("title").GetString() == $"已发布：{title}");
        Assert.Equal(HttpStatusCode.OK, (await swj.GetAsync($"/api/circulars/{cid}/docx")).StatusCode);
    }

    [Fact]
    public async Task An_indicator_that_needs_evidence_is_entered_with_its_file()
    {
        var admin = await Factory.ClientForAsync("admin");
        var police = await Factory.ClientForAsync("police"); // 临淄交警大队 owns M20–M22 and M24 (has + attachment)
        var id = await CampaignIdAsync(admin);
        await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = id, year = 2024, quarter = 4 }));
        var report = Assert.Single((await Ok(await police.GetAsync("/api/reports?year=2024&quarter=4"))).EnumerateArray());
        Assert.Equal("2025-01-01", report.GetProperty("opensOn").GetString());
        Assert.Equal("2025-01-07", report.GetProperty("dueOn").GetString());
        var rid = report.GetProperty("id").GetInt32();
        await Ok(await police.PutAsJsonAsync($"/api/reports/{rid}", new { indicators = new[] { new { code = "M24", value = 1m, description = "分时错时通行措施（测试）" } } }));
        var refused = await Problem(await police.PostAsync($"/api/reports/{rid}/submit", null), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("indicators.M24.files", out _));
        Assert.Equal("Draft", (await Ok(await police.GetAsync($"/api/reports/{rid}"))).GetProperty("summary").GetProperty("status").GetString());

        using var form = new MultipartFormDataContent
        {
            { new StringContent("1"), "value" },
            { new StringContent("分时错时通行措施（测试）"), "description" },
            { new ByteArrayContent("%PDF-1.4 test"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "files", "措施.pdf" },
        };
        var swj = await Factory.ClientForAsync("swj");
        Assert.Equal(HttpStatusCode.NotFound, (await swj.PostAsync($"/api/reports/{rid}/indicators/M24", form)).StatusCode);
        var entered = await Ok(await police.PostAsync($"/api/reports/{rid}/indicators/M24", form));
        var row = entered.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "M24");
        var entryId = row.GetProperty("entryId").GetInt32();
        Assert.Equal("Pending", row.GetProperty("entryStatus").GetString());
        // Entered, not yet counted: the indicator still shows the entry in force before (the draft has not been submitted).
        var evidence = (await Ok(await admin.GetAsync("/api/indicators/M24/evidence?asOf=2024-12-31"))).EnumerateArray().ToList();
        Assert.DoesNotContain(evidence, e => e.GetProperty("id").GetInt32() == entryId);
        var submitted = await Ok(await police.PostAsync($"/api/reports/{rid}/submit", null));
        Assert.Equal("Submitted", submitted.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("InForce", submitted.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "M24").GetProperty("entryStatus").GetString());
        evidence = (await Ok(await admin.GetAsync("/api/indicators/M24/evidence?asOf=2024-12-31"))).EnumerateArray().ToList();
        Assert.Contains(evidence, e => e.GetProperty("id").GetInt32() == entryId && e.GetProperty("attachments").EnumerateArray().Any(a => a.GetProperty("fileName").GetString() == "措施.pdf"));
    }

    [Fact]
    public async Task A_returned_reports_values_leave_the_indicators_until_it_is_submitted_again()
    {
        var admin = await Factory.ClientForAsync("admin");
        var jtj = await Factory.ClientForAsync("jtj");   // 区交通运输局 owns M30 (unit cost reduction, %)
        await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = await CampaignIdAsync(admin), year = 2024, quarter = 3 }));
        var rid = Assert.Single((await Ok(await jtj.GetAsync("/api/reports?year=2024&quarter=3"))).EnumerateArray()).GetProperty("id").GetInt32();
        async Task<decimal?> IndicatorAsync()
        {
            var v = (await Ok(await admin.GetAsync("/api/indicators/M30?asOf=2024-09-30"))).GetProperty("value");
            return v.ValueKind == JsonValueKind.Null ? null : v.GetDecimal();
        }
        async Task<decimal?> FormAsync()
        {
            var rows = (await Ok(await admin.GetAsync("/api/reports/ministry-form?year=2024&quarter=3"))).GetProperty("rows").EnumerateArray();
            var v = rows.Single(r => r.GetProperty("no").GetInt32() == 30).GetProperty("value");
            return v.ValueKind == JsonValueKind.Null ? null : v.GetDecimal();
        }
        static JsonElement Row(JsonElement report) => report.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "M30");
        var before = await IndicatorAsync();
        Assert.Equal(3.8m, before);   // the demo entry of 2024-06-30
        Assert.Equal(before, await FormAsync());

        await Ok(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new { indicators = new[] { new { code = "M30", value = 4.25m, description = "抽样调查测算（退回测试）" } } }));
        Assert.Equal(before, await IndicatorAsync());   // a draft's value does not count
        var submitted = await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null));
        var entryId = Row(submitted).GetProperty("entryId").GetInt32();
        Assert.Equal("InForce", Row(submitted).GetProperty("entryStatus").GetString());
        Assert.Equal(4.25m, await IndicatorAsync());
        Assert.Equal(4.25m, await FormAsync());

        // The office sends it back: the value is withdrawn from the indicator, the trend and the ministry form.
        var returned = await Ok(await admin.PostAsJsonAsync($"/api/reports/{rid}/return", new { comment = "请说明测算样本。" }));
        Assert.Equal("Withdrawn", Row(returned).GetProperty("entryStatus").GetString());
        Assert.Equal(before, await IndicatorAsync());
        Assert.Equal(before, await FormAsync());
        var trend = await Ok(await admin.GetAsync("/api/indicators/trend?codes=M30&from=2024-07-01&to=2024-09-30"));
        Assert.Equal(before, trend.GetProperty("series")[0].GetProperty("values")[0].GetDecimal());
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(IndicatorEntryStatus.Withdrawn, (await db.IndicatorEntries.SingleAsync(e => e.Id == entryId)).Status);
            // Audit-logged as a change of the entry by the office.
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(IndicatorEntry) && a.EntityId == entryId.ToString(CultureInfo.InvariantCulture) && a.Action == AuditAction.Updated).ToListAsync();
            Assert.Contains(audit, a => a.UserName == "admin" && a.Changes.Contains("Withdrawn"));
        }

        // Resubmitted unchanged: the same entry is in force again (no second entry).
        await Ok(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new { problems = "样本为12家试点企业。" }));
        var again = await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null));
        Assert.Equal(entryId, Row(again).GetProperty("entryId").GetInt32());
        Assert.Equal("InForce", Row(again).GetProperty("entryStatus").GetString());
        Assert.Equal(4.25m, await IndicatorAsync());

        // Returned again and corrected: the corrected value becomes a new entry; the first stays withdrawn.
        await Ok(await admin.PostAsJsonAsync($"/api/reports/{rid}/return", new { comment = "请按新口径重新测算。" }));
        await Ok(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new { indicators = new[] { new { code = "M30", value = 4.5m, description = "按新口径测算" } } }));
        var corrected = await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null));
        Assert.NotEqual(entryId, Row(corrected).GetProperty("entryId").GetInt32());
        Assert.Equal(4.5m, await IndicatorAsync());
        Assert.Equal(4.5m, await FormAsync());
        await Ok(await admin.PostAsJsonAsync($"/api/reports/{rid}/accept", new { }));
        Assert.Equal(4.5m, await IndicatorAsync());
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            Assert.Equal(IndicatorEntryStatus.Withdrawn, (await db.IndicatorEntries.SingleAsync(e => e.Id == entryId)).Status);
    }
}

public sealed class SqliteCampaignApiTests(SqliteFactory factory) : CampaignApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresCampaignApiTests(PostgresFactory factory) : CampaignApiTests(factory), IClassFixture<PostgresFactory>;
