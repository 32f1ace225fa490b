using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Api;

/// <summary>Review findings 2, 5, 6, 7, 8 and 12 of the campaign capability (uploads, submission, conflicts, null elements, task units, opening reports).</summary>
public abstract class ReviewFixesCampaignTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    IDbContextFactory<AppDbContext> Db => Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    async Task<int> CampaignIdAsync(HttpClient c) =>
        (await Ok(await c.GetAsync("/api/campaigns"))).EnumerateArray().Single(x => x.GetProperty("documentNumber").GetString() == "临政办字〔2023〕25号").GetProperty("id").GetInt32();

    /// <summary>The police unit's report about a quarter (临淄交警大队 owns M20–M22 and M24).</summary>
    async Task<(HttpClient Police, int ReportId)> PoliceReportAsync(int year, int quarter)
    {
        var admin = await Factory.ClientForAsync("admin");
        var police = await Factory.ClientForAsync("police");
        await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = await CampaignIdAsync(admin), year, quarter }));
        var report = Assert.Single((await Ok(await police.GetAsync($"/api/reports?year={year}&quarter={quarter}"))).EnumerateArray());
        return (police, report.GetProperty("id").GetInt32());
    }

    async Task<int> EntriesAsync(DateOnly asOf)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.IndicatorEntries.CountAsync(e => e.AsOf == asOf);
    }

    [Fact]
    public async Task Evidence_uploads_are_capped_in_number_and_size_and_store_nothing_when_refused()
    {
        var (police, rid) = await PoliceReportAsync(2023, 3);
        var asOf = new DateOnly(2023, 9, 30);
        MultipartFormDataContent Form(int files, int bytes)
        {
            var form = new MultipartFormDataContent { { new StringContent("1"), "value" }, { new StringContent("分时通行（测试）"), "description" } };
            for (var i = 0; i < files; i++) form.Add(new ByteArrayContent(new byte[bytes]) { Headers = { ContentType = new("application/pdf") } }, "files", $"证明{i}.pdf");
            return form;
        }
        using (var many = Form(Uploads.MaxFiles + 1, 100))
        {
            var p = await Problem(await police.PostAsync($"/api/reports/{rid}/indicators/M24", many), HttpStatusCode.BadRequest);
            Assert.Contains("10", p.GetProperty("errors").GetProperty("files")[0].GetString());
        }
        using (var big = Form(1, (int)Uploads.MaxFileBytes + 1))
        {
            var p = await Problem(await police.PostAsync($"/api/reports/{rid}/indicators/M24", big), HttpStatusCode.BadRequest);
            Assert.Contains("20", p.GetProperty("errors").GetProperty("files")[0].GetString());
        }
        Assert.Equal(0, await EntriesAsync(asOf));
        using (var ok = Form(2, 100)) await Ok(await police.PostAsync($"/api/reports/{rid}/indicators/M24", ok));
        Assert.Equal(1, await EntriesAsync(asOf));
        // The endpoint declares a request size limit.
        var paths = (await Ok(await Factory.CreateClient().GetAsync("/openapi/v1.json"))).GetProperty("paths");
        Assert.Contains("≤ 20 MB", paths.GetProperty("/api/reports/{id}/indicators/{code}").GetProperty("post").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_refused_submission_writes_no_indicator_entries()
    {
        var admin = await Factory.ClientForAsync("admin");
        var jtj = await Factory.ClientForAsync("jtj");   // 区交通运输局 owns M30 (a number) and other manual indicators
        await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = await CampaignIdAsync(admin), year = 2023, quarter = 1 }));
        var rid = Assert.Single((await Ok(await jtj.GetAsync("/api/reports?year=2023&quarter=1"))).EnumerateArray()).GetProperty("id").GetInt32();
        var asOf = new DateOnly(2023, 3, 31);
        var other = (await Ok(await jtj.GetAsync($"/api/reports/{rid}"))).GetProperty("indicators").EnumerateArray()
            .First(i => i.GetProperty("code").GetString() != "M30" && i.GetProperty("kind").GetString() != "Percent").GetProperty("code").GetString()!;
        // A valid value first, then one the Indicators capability refuses (negative): the submission is refused.
        await Ok(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new { indicators = new[] { new { code = "M30", value = 8.5m }, new { code = other, value = -5m } } }));
        for (var i = 0; i < 2; i++)
        {
            var p = await Problem(await jtj.PostAsync($"/api/reports/{rid}/submit", null), HttpStatusCode.BadRequest);
            Assert.True(p.GetProperty("errors").TryGetProperty($"indicators.{other}.value", out _), p.ToString());
        }
        Assert.Equal(0, await EntriesAsync(asOf));   // not one M30 entry per attempt
        // Corrected, the submission stores one entry per value.
        await Ok(await jtj.PutAsJsonAsync($"/api/reports/{rid}", new { indicators = new[] { new { code = "M30", value = 8.5m }, new { code = other, value = 1m } } }));
        Assert.Equal("Submitted", (await Ok(await jtj.PostAsync($"/api/reports/{rid}/submit", null))).GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(2, await EntriesAsync(asOf));
    }

    [Fact]
    public async Task A_report_changed_during_submission_is_a_conflict()
    {
        var (police, rid) = await PoliceReportAsync(2023, 2);
        await using var db = await Db.CreateDbContextAsync();
        // Another request changes the report in a transaction still open while the submission reads it.
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.QuarterlyReports.Where(r => r.Id == rid).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1).SetProperty(r => r.Problems, "另一请求的修改"));
            var submit = police.PostAsync($"/api/reports/{rid}/submit", null);
            await Task.Delay(1500);
            await tx.CommitAsync();
            var p = await Problem(await submit, HttpStatusCode.Conflict);
            Assert.Contains("刷新", p.GetProperty("title").GetString());
        }
        var report = await Ok(await police.GetAsync($"/api/reports/{rid}"));
        Assert.Equal("Draft", report.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal("另一请求的修改", report.GetProperty("problems").GetString());
    }

    [Fact]
    public async Task Null_elements_and_undefined_roles_are_field_errors()
    {
        var admin = await Factory.ClientForAsync("admin");
        var (police, rid) = await PoliceReportAsync(2023, 4);
        var id = await CampaignIdAsync(admin);
        var units = (await Ok(await admin.GetAsync("/api/units?pageSize=100"))).GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetInt32()).ToList();
        async Task<JsonElement> Bad(Task<HttpResponseMessage> r) => (await Problem(await r, HttpStatusCode.BadRequest)).GetProperty("errors");
        HttpContent Raw(string json) => new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        Assert.True((await Bad(police.PutAsync($"/api/reports/{rid}", Raw("""{"progress":[null]}""")))).TryGetProperty("progress[0]", out _));
        Assert.True((await Bad(police.PutAsync($"/api/reports/{rid}", Raw("""{"indicators":[null]}""")))).TryGetProperty("indicators[0]", out _));
        var e = await Bad(admin.PostAsync("/api/tasks", Raw($$"""{"campaignId":{{id}},"title":"测试任务","units":[{"unitId":{{units[0]}},"role":"Lead"},null]}""")));
        Assert.True(e.TryGetProperty("units[1]", out _), e.ToString());
        e = await Bad(admin.PostAsync("/api/tasks", Raw($$"""{"campaignId":{{id}},"title":"测试任务","units":[{"unitId":{{units[0]}},"role":"Lead"},{"unitId":{{units[1]}},"role":7}]}""")));
        Assert.True(e.TryGetProperty("units[1].role", out _), e.ToString());
        e = await Bad(admin.PostAsync("/api/tasks", Raw($$"""{"campaignId":{{id}},"title":"测试任务","units":[{"unitId":{{units[0]}},"role":"Lead"},{"unitId":999999,"role":"Responsible"}]}""")));
        Assert.True(e.TryGetProperty("units[1].unitId", out _), e.ToString());
        // The pages call the service directly: an undefined role is refused there too, naming the element.
        var service = Factory.Services.GetRequiredService<GreenFreight.Server.Campaigns.CampaignService>();
        var office = new GreenFreight.Server.Auth.UserContext("admin", "admin", new HashSet<string> { GreenFreight.Server.Auth.Roles.Office }, null, null);
        var o = await service.SaveTaskAsync(null, new GreenFreight.Server.Campaigns.TaskIn(id, null, null, "测试任务", null, null, null, null, null,
            [new(units[0], GreenFreight.Domain.Campaign.TaskUnitRole.Lead), new(units[1], (GreenFreight.Domain.Campaign.TaskUnitRole)7)], null), office, CancellationToken.None);
        Assert.Equal(GreenFreight.Server.Registry.OutcomeKind.Invalid, o.Kind);
        Assert.Contains(o.Errors!, x => x.Field == "units[1].role");
        e = await Bad(admin.PostAsync("/api/meetings", Raw($$"""{"title":"领导小组会议","date":"2025-03-01","agenda":"议程","attendance":[{"unitId":{{units[0]}}},null,{"unitId":999999}]}""")));
        Assert.True(e.TryGetProperty("attendance[1]", out _), e.ToString());
        Assert.True(e.TryGetProperty("attendance[2].unitId", out _), e.ToString());
        await using var db = await Db.CreateDbContextAsync();
        Assert.False(await db.CampaignTasks.AnyAsync(t => t.Title == "测试任务"));
    }

    [Fact]
    public async Task Opening_reports_does_not_swallow_errors_other_than_already_opened()
    {
        var admin = await Factory.ClientForAsync("admin");
        var id = await CampaignIdAsync(admin);
        var unit = (await Ok(await admin.GetAsync($"/api/campaigns/{id}/members"))).EnumerateArray().First().GetProperty("unitId").GetInt32();
        var task = (await Ok(await admin.PostAsJsonAsync("/api/tasks", new { campaignId = id, title = "临时任务（测试）", units = new[] { new { unitId = unit, role = "Lead" } } })))
            .GetProperty("id").GetInt32();
        await using var db = await Db.CreateDbContextAsync();
        // The task is deleted by another request whose transaction is still open while the quarter's reports are prepared
        // (with a progress row for it): their insert then violates the foreign key to the task.
        HttpResponseMessage opened;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.CampaignTasks.Where(t => t.Id == task).ExecuteDeleteAsync();
            var open = admin.PostAsJsonAsync("/api/reports/open", new { campaignId = id, year = 2022, quarter = 4 });
            await Task.Delay(1500);
            await tx.CommitAsync();
            opened = await open;
        }
        Assert.Equal(HttpStatusCode.InternalServerError, opened.StatusCode);   // not "0 opened, another instance did it"
        Assert.False(await db.QuarterlyReports.AnyAsync(r => r.CampaignId == id && r.Year == 2022 && r.Quarter == 4));
        // Opened again once the task is gone: all members' reports.
        Assert.True((await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = id, year = 2022, quarter = 4 }))).GetInt32() > 0);
    }

    [Fact]
    public async Task Only_a_unique_violation_counts_as_opened_by_another_instance()
    {
        var admin = await Factory.ClientForAsync("admin");
        var id = await CampaignIdAsync(admin);
        await Ok(await admin.PostAsJsonAsync("/api/reports/open", new { campaignId = id, year = 2024, quarter = 1 }));
        await using var db = await Db.CreateDbContextAsync();
        var existing = await db.QuarterlyReports.AsNoTracking().FirstAsync(r => r.CampaignId == id && r.Year == 2024 && r.Quarter == 1);
        // The same report again (as a second instance opening the quarter at the same moment): a unique violation.
        db.QuarterlyReports.Add(new GreenFreight.Domain.Campaign.QuarterlyReport { CampaignId = id, UnitId = existing.UnitId, Year = 2024, Quarter = 1, OpensOn = existing.OpensOn, DueOn = existing.DueOn });
        var unique = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(DbErrors.IsUniqueViolation(unique));
        db.ChangeTracker.Clear();
        // A report of a campaign that does not exist: a foreign key violation, which is not swallowed.
        db.QuarterlyReports.Add(new GreenFreight.Domain.Campaign.QuarterlyReport { CampaignId = 999999, UnitId = existing.UnitId, Year = 2024, Quarter = 1, OpensOn = existing.OpensOn, DueOn = existing.DueOn });
        var foreignKey = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.False(DbErrors.IsUniqueViolation(foreignKey));
    }
}

public sealed class SqliteReviewFixesCampaignTests(SqliteFactory factory) : ReviewFixesCampaignTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresReviewFixesCampaignTests(PostgresFactory factory) : ReviewFixesCampaignTests(factory), IClassFixture<PostgresFactory>;
