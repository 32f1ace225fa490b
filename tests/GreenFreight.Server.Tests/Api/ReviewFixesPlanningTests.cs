using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Domain.Planning;
using GreenFreight.Server.Data;
using GreenFreight.Server.Planning;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Api;

/// <summary>A platform whose background planning runner sleeps (polls once an hour), so a test drives claim, run and requeue itself.</summary>
public sealed class IdleRunnerSqliteFactory : GreenFreightFactory
{
    public IdleRunnerSqliteFactory() : base(Provider.Sqlite) => Settings = new Dictionary<string, string> { ["Planning:PollSeconds"] = "3600", ["Planning:MaxAttempts"] = "2" };
}

public sealed class IdleRunnerPostgresFactory : GreenFreightFactory
{
    public IdleRunnerPostgresFactory() : base(Provider.Postgres) => Settings = new Dictionary<string, string> { ["Planning:PollSeconds"] = "3600", ["Planning:MaxAttempts"] = "2" };
}

/// <summary>Review findings 1, 3, 4, 9, 10 and 11 of the planning capability (runner audit, limits, Excel sheet names, baseline failure, attempts, cancel race).</summary>
public abstract class ReviewFixesPlanningTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    const double Lon = 118.40, Lat = 36.78;

    IDbContextFactory<AppDbContext> Db => Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
    PlanningRunner Runner => Factory.Services.GetRequiredService<PlanningRunner>();

    static object Request(int stops = 2, object[]? vehicles = null) => new
    {
        timeLimitSeconds = 1, depot = new { lon = 118.33, lat = 36.80 },
        stops = Enumerable.Range(0, stops).Select(i => (object)new { id = $"S{i}", lon = Lon + 0.002 * (i % 50), lat = Lat + 0.002 * (i / 50), weightKg = 10 }).ToArray(),
        vehicles = vehicles ?? new object[] { new { id = "ev", @class = "LightTruck", energy = "Bev", count = 3 } },
    };

    async Task<int> QueuedAsync(HttpClient admin, object? request = null) =>
        (await Ok(await admin.PostAsJsonAsync("/api/planning/jobs", request ?? Request()))).GetProperty("id").GetInt32();

    async Task<List<Dictionary<string, JsonElement>>> AuditAsync(int id)
    {
        await using var db = await Db.CreateDbContextAsync();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "PlanningJob" && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
        return rows.Select(r => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.Changes)!).ToList();
    }

    static bool StatusChange(Dictionary<string, JsonElement> c, string from, string to) =>
        c.TryGetValue("Status", out var s) && s.GetProperty("old").GetString() == from && s.GetProperty("new").GetString() == to;

    [Fact]
    public async Task Claim_requeue_finish_and_the_attempt_limit_are_audited()
    {
        var admin = await Factory.ClientForAsync("admin");
        var id = await QueuedAsync(admin);
        // The runner may claim another test's job first: claim until this one is running.
        for (var i = 0; i < 20 && await Runner.ClaimAsync(CancellationToken.None) is { } got && got != id; i++) await Runner.RunAsync(got, CancellationToken.None);
        Assert.Contains(await AuditAsync(id), c => StatusChange(c, "Queued", "Running"));

        // Its instance stops: queued again (audited), claimed a second time, stops again: failed with a reason (MaxAttempts = 2).
        async Task StaleAsync()
        {
            await using var db = await Db.CreateDbContextAsync();
            await db.PlanningJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatUnixMs, 0L));
        }
        await StaleAsync();
        await Runner.RequeueStaleAsync(CancellationToken.None);
        Assert.Contains(await AuditAsync(id), c => StatusChange(c, "Running", "Queued"));
        Assert.Equal(id, await Runner.ClaimAsync(CancellationToken.None));
        await StaleAsync();
        await Runner.RequeueStaleAsync(CancellationToken.None);
        var failed = await Ok(await admin.GetAsync($"/api/planning/jobs/{id}"));
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Contains("2", failed.GetProperty("error").GetString());
        Assert.Contains(await AuditAsync(id), c => StatusChange(c, "Running", "Failed"));

        // A run to the end: the finish is audited too.
        var other = await QueuedAsync(admin);
        Assert.Equal(other, await Runner.ClaimAsync(CancellationToken.None));
        await Runner.RunAsync(other, CancellationToken.None);
        Assert.Equal("Completed", (await Ok(await admin.GetAsync($"/api/planning/jobs/{other}"))).GetProperty("status").GetString());
        Assert.Contains(await AuditAsync(other), c => StatusChange(c, "Running", "Completed"));
    }

    [Fact]
    public async Task A_baseline_that_cannot_be_built_keeps_the_plan()
    {
        var admin = await Factory.ClientForAsync("admin");
        var source = await QueuedAsync(admin);
        int id;
        await using (var db = await Db.CreateDbContextAsync())
        {
            var job = await db.PlanningJobs.FirstAsync(j => j.Id == source);
            var spec = JsonSerializer.Deserialize<PlanningSpec>(job.RequestJson, PlanningService.Json)!;
            // A re-planning problem whose only vehicle is on its previous route (count 0 for fresh routes): the consolidated plan is
            // built from the previous route, while the baseline (no previous routes) has a vehicle type with a negative count.
            var broken = spec with
            {
                Vehicles = [spec.Vehicles[0] with { Count = -1 }],
                Replan = new SpecReplan(source, [new SpecRoute("R1", spec.Vehicles[0].Id, spec.Stops.Select(s => s.Id).ToList())], []),
            };
            job.Status = PlanningJobStatus.Cancelled;
            var copy = new PlanningJob { Name = "baseline fails", CreatedBy = "admin", CreatedAt = DateTimeOffset.UtcNow, Status = PlanningJobStatus.Queued,
                RequestJson = JsonSerializer.Serialize(broken, PlanningService.Json), TimeLimitSeconds = 1 };
            db.PlanningJobs.Add(copy);
            await db.SaveChangesAsync();
            id = copy.Id;
        }
        for (var i = 0; i < 20 && await Runner.ClaimAsync(CancellationToken.None) is { } got && got != id; i++) await Runner.RunAsync(got, CancellationToken.None);
        await Runner.RunAsync(id, CancellationToken.None);
        var done = await Ok(await admin.GetAsync($"/api/planning/jobs/{id}"));
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var result = done.GetProperty("result");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("baseline").ValueKind);
        Assert.False(string.IsNullOrEmpty(result.GetProperty("baselineUnavailable").GetString()));
        Assert.Equal(2, result.GetProperty("routes").EnumerateArray().Sum(r => r.GetProperty("stops").GetArrayLength()));
    }

    [Fact]
    public async Task Cancelling_a_queued_job_the_runner_claims_meanwhile_leaves_it_running()
    {
        var admin = await Factory.ClientForAsync("admin");
        var id = await QueuedAsync(admin);
        await using var db = await Db.CreateDbContextAsync();
        // Another instance claims the job in a transaction that is still open while the cancel request reads the job (as queued).
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.PlanningJobs.Where(j => j.Id == id && j.Status == PlanningJobStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, PlanningJobStatus.Running).SetProperty(j => j.ClaimedBy, "other-instance")
                    .SetProperty(j => j.HeartbeatUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            var cancel = admin.PostAsync($"/api/planning/jobs/{id}/cancel", null);
            await Task.Delay(1500);
            await tx.CommitAsync();
            await Ok(await cancel);
        }
        var row = await db.PlanningJobs.AsNoTracking().FirstAsync(j => j.Id == id);
        Assert.Equal(PlanningJobStatus.Running, row.Status);   // not "cancelled" over the other instance's claim
        Assert.True(row.CancelRequested);                       // the running instance stops at its next heartbeat
        Assert.Null(row.FinishedAt);
    }

    [Fact]
    public async Task Too_many_stops_vehicles_or_fleets_are_field_errors()
    {
        var admin = await Factory.ClientForAsync("admin");
        var many = await Problem(await admin.PostAsJsonAsync("/api/planning/jobs", Request(vehicles: Enumerable.Range(0, 201).Select(i => (object)new { id = $"v{i}", @class = "LightTruck", energy = "Bev" }).ToArray())), HttpStatusCode.BadRequest);
        Assert.True(many.GetProperty("errors").TryGetProperty("vehicles", out _));
        var fleets = await Problem(await admin.PostAsJsonAsync("/api/planning/jobs", new { depot = new { lon = 118.33, lat = 36.80 }, stops = new object[] { new { lon = Lon, lat = Lat } },
            fleetEnterpriseIds = Enumerable.Repeat(1, 51).ToArray() }), HttpStatusCode.BadRequest);
        Assert.True(fleets.GetProperty("errors").TryGetProperty("fleetEnterpriseIds", out _));

        // Re-planning: the existing stops and the new ones together respect MaxStops (500).
        var id = await QueuedAsync(admin, Request(stops: 499, vehicles: new object[] { new { id = "ev", @class = "LightTruck", energy = "Bev", count = 10 } }));
        for (var i = 0; i < 20 && await Runner.ClaimAsync(CancellationToken.None) is { } got && got != id; i++) await Runner.RunAsync(got, CancellationToken.None);
        await Runner.RunAsync(id, CancellationToken.None);
        var bad = await Problem(await admin.PostAsJsonAsync($"/api/planning/jobs/{id}/replan", new { newStops = new object[] { new { id = "N1", lon = Lon, lat = Lat + 0.05 }, new { id = "N2", lon = Lon, lat = Lat + 0.06 } } }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("newStops", out _));
    }

    [Fact]
    public async Task Excel_sheet_names_are_valid_and_unique()
    {
        var admin = await Factory.ClientForAsync("admin");
        var id = await QueuedAsync(admin, Request(stops: 4, vehicles: new object[]
        {
            new { id = "车队/A:01*[冷链]?\\很长很长很长很长很长很长的名字一号", @class = "LightTruck", energy = "Bev", count = 1, weightCapacityKg = 20 },
            new { id = "车队/A:01*[冷链]?\\很长很长很长很长很长很长的名字二号", @class = "LightTruck", energy = "Bev", count = 1, weightCapacityKg = 20 },
        }));
        for (var i = 0; i < 20 && await Runner.ClaimAsync(CancellationToken.None) is { } got && got != id; i++) await Runner.RunAsync(got, CancellationToken.None);
        await Runner.RunAsync(id, CancellationToken.None);
        var job = await Ok(await admin.GetAsync($"/api/planning/jobs/{id}"));
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var r = await admin.GetAsync($"/api/planning/jobs/{id}/plan.xlsx");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(GreenFreight.Server.Reporting.XlsxWriter.ContentType, r.Content.Headers.ContentType?.MediaType);
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false);
        var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal(1 + job.GetProperty("result").GetProperty("routes").GetArrayLength(), names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.True(n.Length is > 0 and <= 31 && n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, n));
    }
}

/// <summary>Review finding 9: worksheet names Excel accepts.</summary>
public sealed class ExcelSheetNameTests
{
    [Fact]
    public void Forbidden_characters_are_replaced_and_shortened_names_stay_unique()
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var a = PlanningApi.SheetName("R1 车队/A:01*[冷链]?\\很长很长很长很长很长很长的名字一号", used);
        var b = PlanningApi.SheetName("R1 车队/A:01*[冷链]?\\很长很长很长很长很长很长的名字二号", used);
        var c = PlanningApi.SheetName("r1 车队/A:01*[冷链]?\\很长很长很长很长很长很长的名字三号", used);
        var d = PlanningApi.SheetName("'[]'", used);
        foreach (var n in new[] { a, b, c, d })
            Assert.True(n.Length is > 0 and <= 31 && n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0 && !n.StartsWith('\'') && !n.EndsWith('\''), n);
        Assert.Equal(4, used.Count);
        Assert.StartsWith("R1 车队_A_01", a);
        Assert.EndsWith("~2", b);
        Assert.EndsWith("~3", c);
    }
}

public sealed class SqliteReviewFixesPlanningTests(IdleRunnerSqliteFactory factory) : ReviewFixesPlanningTests(factory), IClassFixture<IdleRunnerSqliteFactory>;

public sealed class PostgresReviewFixesPlanningTests(IdleRunnerPostgresFactory factory) : ReviewFixesPlanningTests(factory), IClassFixture<IdleRunnerPostgresFactory>;
