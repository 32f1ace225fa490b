using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Api;
using GreenFreight.Server.Tests.Infrastructure;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>Rules on the position stream raise stored events: a restricted zone entered at a forbidden hour, a bay overstay.</summary>
public sealed class RuleEventTests(SqliteFactory factory) : ApiTestBase(factory), IClassFixture<SqliteFactory>
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The latest past occurrence of a China-time clock time (today or yesterday).</summary>
    static DateTimeOffset LastChinaTime(int hour, int minute)
    {
        var now = DateTimeOffset.UtcNow.ToOffset(China);
        var t = new DateTimeOffset(now.Year, now.Month, now.Day, hour, minute, 0, China);
        return t > now.AddMinutes(-60) ? t.AddDays(-1) : t;
    }

    async Task<List<JsonElement>> EventsAsync(HttpClient client, int vehicleId, string kind)
    {
        for (var i = 0; i < 50; i++)
        {
            var list = (await Ok(await client.GetAsync($"/api/tracking/events?vehicleId={vehicleId}&kind={kind}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-3).ToString("O"))}"))).EnumerateArray().ToList();
            if (list.Count > 0 && list.All(e => e.GetProperty("end").ValueKind != JsonValueKind.Null)) return list;
            await Task.Delay(100);
        }
        return (await Ok(await client.GetAsync($"/api/tracking/events?vehicleId={vehicleId}&kind={kind}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-3).ToString("O"))}"))).EnumerateArray().ToList();
    }

    [Fact]
    public async Task A_diesel_light_truck_entering_the_zone_at_0730_raises_one_violation_from_entry_to_exit()
    {
        var admin = await Factory.ClientForAsync("admin");
        var truck = (await Ok(await admin.GetAsync("/api/vehicles?kind=LightTruck&energy=Diesel&pageSize=1"))).GetProperty("items")[0];
        var plate = truck.GetProperty("plate").GetString();
        var t = LastChinaTime(7, 25);
        // Outside at 07:25, inside 07:30–07:38, out again at 07:45 (west to east across the demo zone, ~20 km/h).
        var track = new (int Min, double Lon)[] { (0, 118.270), (5, 118.290), (7, 118.296), (9, 118.302), (11, 118.308), (13, 118.314), (20, 118.335) };
        var positions = track.Select(p => new { plate, time = t.AddMinutes(p.Min), lat = 36.815, lon = p.Lon, speedKmh = 20.0, direction = 90, altitude = 40 }).ToList();
        var r = await Ok(await admin.PostAsJsonAsync("/api/positions", new { positions }));
        Assert.Equal(positions.Count, r.GetProperty("valid").GetInt32());

        var events = await EventsAsync(admin, truck.GetProperty("id").GetInt32(), "ZoneViolation");
        var e = Assert.Single(events);
        Assert.Equal(t.AddMinutes(5), e.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(t.AddMinutes(20), e.GetProperty("end").GetDateTimeOffset());
        Assert.Contains("07:00–08:30", e.GetProperty("detail").GetString());

        // Supervisors acknowledge it.
        var acked = await Ok(await admin.PostAsync($"/api/tracking/events/{e.GetProperty("id").GetInt64()}/ack", null));
        Assert.Equal("admin", acked.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task The_same_trip_at_noon_or_by_a_pickup_raises_nothing()
    {
        var admin = await Factory.ClientForAsync("admin");
        var truck = (await Ok(await admin.GetAsync("/api/vehicles?kind=LightTruck&energy=Diesel&pageSize=1&page=2"))).GetProperty("items")[0];
        var t = LastChinaTime(12, 0);
        var positions = new[] { 118.270, 118.290, 118.302, 118.314, 118.335 }.Select((lon, i) => new
        {
            plate = truck.GetProperty("plate").GetString(), time = t.AddMinutes(5 * i), lat = 36.815, lon, speedKmh = 20.0, direction = 90, altitude = 40,
        }).ToList();
        await Ok(await admin.PostAsJsonAsync("/api/positions", new { positions }));
        await Task.Delay(500);
        Assert.Empty(await EventsAsync(admin, truck.GetProperty("id").GetInt32(), "ZoneViolation"));
    }

    [Fact]
    public async Task Staying_at_a_loading_bay_beyond_its_maximum_raises_an_overstay()
    {
        var admin = await Factory.ClientForAsync("admin");
        var bay = (await Ok(await admin.GetAsync("/api/facilities?kind=LoadingBay&status=Operating&pageSize=1"))).GetProperty("items")[0];
        var maxStay = bay.GetProperty("maxStayMinutes").GetInt32();
        var (lon, lat) = (bay.GetProperty("location").GetProperty("coordinates")[0].GetDouble(), bay.GetProperty("location").GetProperty("coordinates")[1].GetDouble());
        var pickup = (await Ok(await admin.GetAsync("/api/vehicles?kind=Pickup&pageSize=1"))).GetProperty("items")[0];
        var t = LastChinaTime(13, 0);
        var positions = Enumerable.Range(0, maxStay / 2 + 4)
            .Select(i => new { plate = pickup.GetProperty("plate").GetString(), time = t.AddMinutes(2 * i), lat, lon, speedKmh = 0.0, direction = 0, altitude = 40 })
            .Append(new { plate = pickup.GetProperty("plate").GetString(), time = t.AddMinutes(maxStay + 12), lat = lat + 0.01, lon, speedKmh = 25.0, direction = 0, altitude = 40 })
            .ToList();
        await Ok(await admin.PostAsJsonAsync("/api/positions", new { positions }));
        var e = Assert.Single(await EventsAsync(admin, pickup.GetProperty("id").GetInt32(), "BayOverstay"));
        Assert.Equal(bay.GetProperty("id").GetInt32(), e.GetProperty("facilityId").GetInt32());
        Assert.Equal(t, e.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(t.AddMinutes(maxStay + 12), e.GetProperty("end").GetDateTimeOffset());
    }
}
