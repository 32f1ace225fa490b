using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Api;

/// <summary>Planning jobs end to end on the Linzi demo data. Runs on SQLite and on PostgreSQL.</summary>
public abstract class PlanningApiTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    // Inside the demo restricted zone (临淄城区货车禁行区（演示）) and well outside every demo zone.
    const double InLon = 118.305, InLat = 36.815, OutLon = 118.40, OutLat = 36.78;

    protected static async Task<JsonElement> WaitAsync(HttpClient c, int id, Func<JsonElement, bool>? until = null, int seconds = 90)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var j = await Ok(await c.GetAsync($"/api/planning/jobs/{id}"));
            var status = j.GetProperty("status").GetString();
            if (until is not null ? until(j) : status is "Completed" or "Cancelled" or "Failed") return j;
            if (DateTime.UtcNow > end) Assert.Fail($"job {id} still {status}: {j}");
            await Task.Delay(300);
        }
    }

    protected static async Task<int> CreateAsync(HttpClient c, object request)
    {
        var r = await Ok(await c.PostAsJsonAsync("/api/planning/jobs", request));
        return r.GetProperty("id").GetInt32();
    }

    async Task<int> DepotAsync(HttpClient admin) =>
        (await Ok(await admin.GetAsync("/api/facilities?kind=DistributionCenter&pageSize=20"))).GetProperty("items").EnumerateArray()
            .First(f => f.GetProperty("name").GetString()!.Contains("公共配送中心")).GetProperty("id").GetInt32();

    /// <summary>Demo outlets of the three shippers with most outlets, four each, with morning windows.</summary>
    async Task<(List<object> Stops, List<int> Shippers)> DemoStopsAsync(HttpClient admin, int perShipper = 4)
    {
        var outlets = (await Ok(await admin.GetAsync("/api/outlets?pageSize=500"))).GetProperty("items").EnumerateArray()
            .Where(o => o.GetProperty("ownerEnterpriseId").ValueKind == JsonValueKind.Number).ToList();
        var groups = outlets.GroupBy(o => o.GetProperty("ownerEnterpriseId").GetInt32()).Where(g => g.Count() >= perShipper)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(3).ToList();
        Assert.Equal(3, groups.Count);
        var windows = new[] { "08:00-11:00", "09:00-12:00", "13:00-16:00", "14:00-17:00" };
        var stops = groups.SelectMany(g => g.OrderBy(o => o.GetProperty("id").GetInt32()).Take(perShipper)
            .Select((o, i) => (object)new { outletId = o.GetProperty("id").GetInt32(), timeWindow = windows[i % windows.Length], weightKg = 150 + 40 * i, volumeM3 = 1.0, serviceMinutes = 15 })).ToList();
        return (stops, groups.Select(g => g.Key).ToList());
    }

    static object[] Fleet(IEnumerable<int> shippers) => shippers.Select(s => (object)new
        { id = $"ev-{s}", @class = "LightTruck", energy = "Bev", grossWeightKg = 4495, weightCapacityKg = 1500, volumeM3 = 10, count = 2, shipper = s.ToString() }).ToArray();

    [Fact]
    public async Task A_plan_on_demo_outlets_beats_each_shipper_alone_and_downloads_as_excel()
    {
        var admin = await Factory.ClientForAsync("admin");
        var (stops, shippers) = await DemoStopsAsync(admin);
        var id = await CreateAsync(admin, new { name = "三家门店共同配送", timeLimitSeconds = 3, depot = new { facilityId = await DepotAsync(admin) }, stops, vehicles = Fleet(shippers) });
        var job = await WaitAsync(admin, id);
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var result = job.GetProperty("result");
        var plan = result.GetProperty("plan");
        var baseline = result.GetProperty("baseline");
        Assert.True(plan.GetProperty("feasible").GetBoolean());
        Assert.Empty(result.GetProperty("unassigned").EnumerateArray());
        var visited = result.GetProperty("routes").EnumerateArray().SelectMany(r => r.GetProperty("stops").EnumerateArray()).Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(stops.Count, visited.Distinct().Count());
        Assert.True(plan.GetProperty("distanceKm").GetDouble() < baseline.GetProperty("distanceKm").GetDouble(),
            $"consolidated {plan.GetProperty("distanceKm")} km vs baseline {baseline.GetProperty("distanceKm")} km");
        Assert.True(baseline.GetProperty("vehicles").GetInt32() >= 3);
        Assert.Equal(3, result.GetProperty("baselineByShipper").GetArrayLength());
        // Energy and CO2 per energy type with the factors shown.
        var bev = plan.GetProperty("byEnergy").EnumerateArray().Single();
        Assert.Equal("Bev", bev.GetProperty("energy").GetString());
        var f = result.GetProperty("factors").EnumerateArray().Single(x => x.GetProperty("energy").GetString() == "Bev");
        Assert.Equal(bev.GetProperty("distanceKm").GetDouble() * f.GetProperty("perKm").GetDouble() * f.GetProperty("co2KgPerUnit").GetDouble(), bev.GetProperty("co2Kg").GetDouble(), 0.1);
        // Every stop is served inside its time window.
        foreach (var s in result.GetProperty("routes").EnumerateArray().SelectMany(r => r.GetProperty("stops").EnumerateArray()))
        {
            var w = s.GetProperty("timeWindow").GetString()!.Split('-');
            var start = s.GetProperty("serviceStart").GetString()!;
            Assert.True(string.CompareOrdinal(start, w[0]) >= 0 && string.CompareOrdinal(start, w[1]) <= 0, $"{start} in {w[0]}-{w[1]}");
        }

        var list = await Ok(await admin.GetAsync("/api/planning/jobs"));
        Assert.Contains(list.EnumerateArray(), j => j.GetProperty("id").GetInt32() == id);
        var xlsx = await admin.GetAsync($"/api/planning/jobs/{id}/plan.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        Assert.True(zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)) >= 1 + result.GetProperty("routes").GetArrayLength());
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_unknown_callers_are_refused()
    {
        var admin = await Factory.ClientForAsync("admin");
        var bad = await Problem(await admin.PostAsJsonAsync("/api/planning/jobs", new
        {
            stops = new object[] { new { lon = OutLon, lat = OutLat, weightKg = 10 }, new { lon = OutLon, lat = OutLat + 0.01, timeWindow = "11:00-09:00" }, new { lon = 10.0, lat = 50.0 }, new { lat = OutLat } },
            vehicles = new object[] { new { @class = "LightTruck", energy = "Bev", count = 0 } },
        }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "depot", "stops[1].timeWindow", "stops[2].lon", "stops[3].lon", "vehicles[0].count" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} in {errors}");
        var format = await Problem(await admin.PostAsJsonAsync("/api/planning/jobs", new
        {
            depot = new { lon = OutLon, lat = OutLat }, stops = new object[] { new { lon = OutLon, lat = OutLat, timeWindow = "9 to 5" } },
            vehicles = new object[] { new { @class = "LightTruck", energy = "Bev" } },
        }), HttpStatusCode.BadRequest);
        Assert.Contains("HH:MM", format.GetProperty("errors").GetProperty("stops[0].timeWindow")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync("/api/planning/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.ClientForAsync("police")).GetAsync("/api/planning/jobs")).StatusCode);
        await Problem(await admin.GetAsync("/api/planning/jobs/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancel_keeps_the_best_plan_found_so_far()
    {
        var admin = await Factory.ClientForAsync("admin");
        var rnd = new Random(5);
        var stops = Enumerable.Range(0, 40).Select(i => (object)new { id = $"C{i}", lon = 118.25 + rnd.NextDouble() * 0.2, lat = 36.75 + rnd.NextDouble() * 0.12, weightKg = 100, serviceMinutes = 10 }).ToArray();
        var id = await CreateAsync(admin, new { timeLimitSeconds = 120, depot = new { lon = 118.33, lat = 36.80 }, stops,
            vehicles = new object[] { new { @class = "LightTruck", energy = "Bev", count = 10, weightCapacityKg = 800 } } });
        var running = await WaitAsync(admin, id, j => j.GetProperty("status").GetString() == "Running" && j.GetProperty("progress").ValueKind == JsonValueKind.Object);
        Assert.True(running.GetProperty("progress").GetProperty("vehicles").GetInt32() > 0);
        await Ok(await admin.PostAsync($"/api/planning/jobs/{id}/cancel", null));
        var job = await WaitAsync(admin, id, seconds: 60);
        Assert.Equal("Cancelled", job.GetProperty("status").GetString());
        var result = job.GetProperty("result");
        Assert.True(result.GetProperty("cancelled").GetBoolean());
        Assert.True(result.GetProperty("plan").GetProperty("feasible").GetBoolean());
        Assert.Equal(40, result.GetProperty("routes").EnumerateArray().Sum(r => r.GetProperty("stops").GetArrayLength()));
        Assert.True(result.GetProperty("elapsedSeconds").GetDouble() < 100);
    }

    [Fact]
    public async Task An_enterprise_sees_only_its_own_jobs()
    {
        var qiye = await Factory.ClientForAsync("qiye");
        var admin = await Factory.ClientForAsync("admin");
        var me = (await Ok(await qiye.GetAsync("/api/enterprises"))).GetProperty("items")[0].GetProperty("id").GetInt32();
        var id = await CreateAsync(qiye, new { timeLimitSeconds = 1, fleetEnterpriseIds = new[] { me }, maxVehiclesPerType = 2, depot = new { lon = 118.33, lat = 36.80 },
            stops = new object[] { new { lon = OutLon, lat = OutLat, weightKg = 100 }, new { lon = OutLon + 0.01, lat = OutLat, weightKg = 100 } } });
        var job = await WaitAsync(qiye, id);
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(me, job.GetProperty("enterpriseId").GetInt32());
        // Not another enterprise's fleet.
        var other = (await Ok(await admin.GetAsync("/api/enterprises?pageSize=100"))).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).First(e => e != me);
        var bad = await Problem(await qiye.PostAsJsonAsync("/api/planning/jobs", new { fleetEnterpriseIds = new[] { other }, depot = new { lon = 118.33, lat = 36.80 },
            stops = new object[] { new { lon = OutLon, lat = OutLat } } }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("fleetEnterpriseIds[0]", out _));
        // Another enterprise's account: 404 for the job, its Excel, cancel and re-plan, and not in its list.
        var created = await Ok(await admin.PostAsJsonAsync("/api/users", new { userName = "planner2", displayName = "另一企业调度", role = "enterprise", enterpriseId = other }));
        var second = await Factory.ClientForAsync("planner2", created.GetProperty("password").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/api/planning/jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/api/planning/jobs/{id}/plan.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.PostAsync($"/api/planning/jobs/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.PostAsJsonAsync($"/api/planning/jobs/{id}/replan", new { newStops = Array.Empty<object>() })).StatusCode);
        Assert.DoesNotContain((await Ok(await second.GetAsync("/api/planning/jobs"))).EnumerateArray(), j => j.GetProperty("id").GetInt32() == id);
        Assert.Contains((await Ok(await admin.GetAsync("/api/planning/jobs"))).EnumerateArray(), j => j.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Replanning_keeps_frozen_stops_and_inserts_new_ones()
    {
        var admin = await Factory.ClientForAsync("admin");
        var stops = Enumerable.Range(0, 10).Select(i => (object)new { id = $"P{i}", lon = 118.33 + 0.01 * (i % 5), lat = 36.76 + 0.012 * (i / 5), weightKg = 300, serviceMinutes = 10 }).ToArray();
        var id = await CreateAsync(admin, new { timeLimitSeconds = 2, depot = new { lon = 118.35, lat = 36.80 }, stops,
            vehicles = new object[] { new { id = "ev", @class = "LightTruck", energy = "Bev", count = 4, weightCapacityKg = 1500 } } });
        var first = (await WaitAsync(admin, id)).GetProperty("result");
        var routes = first.GetProperty("routes").EnumerateArray().ToList();
        Assert.True(routes.Count >= 2);
        var frozenRoute = routes[0];
        var frozen = frozenRoute.GetProperty("stops").EnumerateArray().Take(2).Select(s => s.GetProperty("id").GetString()!).ToArray();
        // Not a prefix: 400 naming the field.
        var notPrefix = frozenRoute.GetProperty("stops")[1].GetProperty("id").GetString();
        var bad = await Problem(await admin.PostAsJsonAsync($"/api/planning/jobs/{id}/replan", new { frozenStopIds = new[] { notPrefix } }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("frozenStopIds[0]", out _));
        var bad2 = await Problem(await admin.PostAsJsonAsync($"/api/planning/jobs/{id}/replan", new { newStops = new object[] { new { id = "P1", lon = OutLon, lat = OutLat } } }), HttpStatusCode.BadRequest);
        Assert.True(bad2.GetProperty("errors").TryGetProperty("newStops[0].id", out _));

        var re = await Ok(await admin.PostAsJsonAsync($"/api/planning/jobs/{id}/replan", new
        {
            frozenStopIds = frozen, timeLimitSeconds = 2,
            newStops = new object[] { new { id = "N1", lon = 118.36, lat = 36.79, weightKg = 100 }, new { id = "N2", lon = 118.31, lat = 36.77, weightKg = 100, timeWindow = "09:00-15:00" } },
        }));
        var job = await WaitAsync(admin, re.GetProperty("id").GetInt32());
        Assert.Equal(id, job.GetProperty("parentJobId").GetInt32());
        var result = job.GetProperty("result");
        Assert.True(result.GetProperty("plan").GetProperty("feasible").GetBoolean());
        var same = result.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("routeId").GetString() == frozenRoute.GetProperty("routeId").GetString());
        Assert.Equal(frozen, same.GetProperty("stops").EnumerateArray().Take(2).Select(s => s.GetProperty("id").GetString()!).ToArray());
        Assert.All(same.GetProperty("stops").EnumerateArray().Take(2), s => Assert.True(s.GetProperty("frozen").GetBoolean()));
        var all = result.GetProperty("routes").EnumerateArray().SelectMany(r => r.GetProperty("stops").EnumerateArray()).Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains("N1", all);
        Assert.Contains("N2", all);
        Assert.Equal(12, all.Distinct().Count());
        // The routes that took the new stops are reported as changed.
        var changed = result.GetProperty("changedRoutes").EnumerateArray().Select(x => x.GetString()).ToList();
        foreach (var r in result.GetProperty("routes").EnumerateArray().Where(r => r.GetProperty("stops").EnumerateArray().Any(s => s.GetProperty("id").GetString() is "N1" or "N2")))
            Assert.Contains(r.GetProperty("routeId").GetString(), changed);
    }

    [Fact]
    public async Task A_job_whose_instance_stopped_is_queued_again_and_finished()
    {
        var admin = await Factory.ClientForAsync("admin");
        var id = await CreateAsync(admin, new { timeLimitSeconds = 1, depot = new { lon = 118.33, lat = 36.80 },
            stops = new object[] { new { lon = OutLon, lat = OutLat, weightKg = 100 } }, vehicles = new object[] { new { @class = "LightTruck", energy = "Bev" } } });
        await WaitAsync(admin, id);
        var dbFactory = Factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<GreenFreight.Server.Data.AppDbContext>>();
        int orphan;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var source = await db.PlanningJobs.FindAsync(id);
            var job = new GreenFreight.Domain.Planning.PlanningJob
            {
                Name = "orphan", CreatedBy = "admin", CreatedAt = DateTimeOffset.UtcNow, RequestJson = source!.RequestJson, TimeLimitSeconds = 1,
                Status = GreenFreight.Domain.Planning.PlanningJobStatus.Running, ClaimedBy = "dead-instance", Attempts = 1,
                HeartbeatUnixMs = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds(), StartedAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            };
            db.PlanningJobs.Add(job);
            await db.SaveChangesAsync();
            orphan = job.Id;
        }
        var done = await WaitAsync(admin, orphan);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var row = await db.PlanningJobs.FindAsync(orphan);
            Assert.NotEqual("dead-instance", row!.ClaimedBy);
            Assert.Equal(2, row.Attempts);
        }
    }

    [Fact]
    public async Task Access_windows_of_the_demo_restricted_zone_hold()
    {
        var admin = await Factory.ClientForAsync("admin");
        var depot = new { lon = 118.33, lat = 36.78, open = "06:00", close = "20:00" };
        // Light diesel: forbidden in the restricted zone 07:00–08:30, so a 07:00–10:00 stop inside is served from 08:30.
        var id = await CreateAsync(admin, new { timeLimitSeconds = 1, depot,
            stops = new object[] { new { id = "IN", lon = InLon, lat = InLat, timeWindow = "07:00-10:00", serviceMinutes = 15 } },
            vehicles = new object[] { new { id = "diesel", @class = "LightTruck", energy = "Diesel", grossWeightKg = 4495, emission = "ChinaVI" } } });
        var stop = (await WaitAsync(admin, id)).GetProperty("result").GetProperty("routes")[0].GetProperty("stops")[0];
        Assert.True(string.CompareOrdinal(stop.GetProperty("serviceStart").GetString(), "08:30") >= 0, stop.ToString());
        Assert.True(string.CompareOrdinal(stop.GetProperty("serviceStart").GetString(), "10:00") <= 0, stop.ToString());

        // A medium diesel truck may never enter: 400 naming the stop.
        var never = await Problem(await admin.PostAsJsonAsync("/api/planning/jobs", new { depot,
            stops = new object[] { new { id = "OUT", lon = OutLon, lat = OutLat }, new { id = "IN", name = "城区门店", lon = InLon, lat = InLat } },
            vehicles = new object[] { new { @class = "MediumTruck", energy = "Diesel", grossWeightKg = 10000, emission = "ChinaVI" } } }), HttpStatusCode.BadRequest);
        Assert.Contains("城区门店", never.GetProperty("errors").GetProperty("stops[1]")[0].GetString());

        // Mixed fleet: the electric light truck serves the inside stop, even in the morning peak.
        var mixed = await CreateAsync(admin, new { timeLimitSeconds = 1, depot,
            stops = new object[] { new { id = "OUT", lon = OutLon, lat = OutLat, weightKg = 2000 }, new { id = "IN", lon = InLon, lat = InLat, timeWindow = "07:00-08:00", weightKg = 200 } },
            vehicles = new object[]
            {
                new { id = "medium", @class = "MediumTruck", energy = "Diesel", grossWeightKg = 10000, emission = "ChinaVI", weightCapacityKg = 5000 },
                new { id = "ev", @class = "LightTruck", energy = "Bev", grossWeightKg = 4495, weightCapacityKg = 1500 },
            } });
        var routes = (await WaitAsync(admin, mixed)).GetProperty("result").GetProperty("routes").EnumerateArray().ToList();
        var inside = routes.Single(r => r.GetProperty("stops").EnumerateArray().Any(s => s.GetProperty("id").GetString() == "IN"));
        Assert.Equal("ev", inside.GetProperty("vehicleId").GetString());
        Assert.Equal("medium", routes.Single(r => r.GetProperty("stops").EnumerateArray().Any(s => s.GetProperty("id").GetString() == "OUT")).GetProperty("vehicleId").GetString());
    }
}

public sealed class SqlitePlanningApiTests(SqliteFactory factory) : PlanningApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresPlanningApiTests(PostgresFactory factory) : PlanningApiTests(factory), IClassFixture<PostgresFactory>;
