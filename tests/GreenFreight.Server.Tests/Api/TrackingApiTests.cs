using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;

namespace GreenFreight.Server.Tests.Api;

/// <summary>Positions from enterprise platforms (JSON with an API key) and the track query. SQLite and PostgreSQL.</summary>
public abstract class TrackingApiTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    async Task<(HttpClient Platform, string Plate, int EnterpriseId, int KeyId)> PlatformClientAsync(string keyName)
    {
        var ent = await Factory.ClientForAsync("qiye");
        var me = (await Ok(await ent.GetAsync("/api/auth/me"))).GetProperty("enterpriseId").GetInt32();
        var plate = (await Ok(await ent.GetAsync("/api/vehicles?pageSize=1"))).GetProperty("items")[0].GetProperty("plate").GetString()!;
        var created = await ReadJson(await ent.PostAsJsonAsync($"/api/enterprises/{me}/api-keys", new { name = keyName }));
        var platform = Factory.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        return (platform, plate, me, created.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task An_enterprise_platform_posts_positions_that_come_back_as_the_track()
    {
        var (platform, plate, _, _) = await PlatformClientAsync("TMS-1");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        var positions = Enumerable.Range(0, 10).Select(i => new
        {
            plate, time = t0.AddSeconds(30 * i), lat = 36.80 + 0.001 * i, lon = 118.30, speedKmh = 40.0, direction = 0, altitude = 50,
        }).ToList<object>();
        positions.Add(new { plate, time = t0.AddSeconds(301), lat = 39.98, lon = 116.30, speedKmh = 40.0, direction = 0, altitude = 50 });  // drift (Beijing)
        positions.Add(new { plate, time = t0.AddSeconds(302), lat = 116.30, lon = 39.98, speedKmh = 40.0, direction = 0, altitude = 50 });  // swapped
        positions.Add(new { plate = "鲁C00000", time = t0, lat = 36.8, lon = 118.3, speedKmh = 0.0, direction = 0, altitude = 0 });     // not registered

        var r = await Ok(await platform.PostAsJsonAsync("/api/positions", new { positions }));
        Assert.Equal(12, r.GetProperty("stored").GetInt32());
        Assert.Equal(10, r.GetProperty("valid").GetInt32());
        var items = r.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Drift", items[10].GetProperty("verdict").GetString());
        Assert.Equal("OutOfRange", items[11].GetProperty("verdict").GetString());
        Assert.Equal("Rejected", items[12].GetProperty("verdict").GetString());
        Assert.Equal("plate", items[12].GetProperty("field").GetString());

        var ent = await Factory.ClientForAsync("qiye");
        var from = Uri.EscapeDataString(t0.AddMinutes(-1).ToString("O"));
        var to = Uri.EscapeDataString(t0.AddMinutes(10).ToString("O"));
        var track = (await Ok(await ent.GetAsync($"/api/vehicles/{Uri.EscapeDataString(plate)}/track?from={from}&to={to}"))).EnumerateArray().ToList();
        Assert.Equal(10, track.Count);
        Assert.Equal(36.809, track[^1].GetProperty("lat").GetDouble(), 6);
        Assert.EndsWith("+08:00", track[0].GetProperty("time").GetString());
        var withInvalid = (await Ok(await ent.GetAsync($"/api/vehicles/{Uri.EscapeDataString(plate)}/track?from={from}&to={to}&all=true"))).EnumerateArray().ToList();
        Assert.Equal(12, withInvalid.Count);
    }

    [Fact]
    public async Task A_platform_cannot_post_or_read_another_enterprises_vehicle_and_a_revoked_key_stops_working()
    {
        var (platform, _, me, keyId) = await PlatformClientAsync("TMS-2");
        var admin = await Factory.ClientForAsync("admin");
        var other = (await Ok(await admin.GetAsync("/api/vehicles?pageSize=200"))).GetProperty("items").EnumerateArray()
            .First(v => v.GetProperty("ownerEnterpriseId").ValueKind == JsonValueKind.Number && v.GetProperty("ownerEnterpriseId").GetInt32() != me).GetProperty("plate").GetString()!;
        var r = await Ok(await platform.PostAsJsonAsync("/api/positions", new { positions = new[] { new { plate = other, time = DateTimeOffset.UtcNow, lat = 36.8, lon = 118.3 } } }));
        Assert.Equal(0, r.GetProperty("stored").GetInt32());
        Assert.Equal("Rejected", r.GetProperty("items")[0].GetProperty("verdict").GetString());
        var ent = await Factory.ClientForAsync("qiye");
        Assert.Equal(HttpStatusCode.NotFound, (await ent.GetAsync($"/api/vehicles/{Uri.EscapeDataString(other)}/track")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ent.GetAsync($"/api/enterprises/{me + 1}/api-keys")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ent.DeleteAsync($"/api/enterprises/{me}/api-keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.PostAsJsonAsync("/api/positions", new { positions = new[] { new { plate = other } } })).StatusCode);
        var bogus = Factory.CreateClient();
        bogus.DefaultRequestHeaders.Add("X-Api-Key", "gfk_1_" + new string('0', 48));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bogus.PostAsJsonAsync("/api/positions", new { positions = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task Bad_requests_name_the_field()
    {
        var (platform, plate, _, _) = await PlatformClientAsync("TMS-3");
        var p = await Problem(await platform.PostAsJsonAsync("/api/positions", new { positions = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("positions", out _));
        var r = await Ok(await platform.PostAsJsonAsync("/api/positions", new { positions = new[] { new { plate, lat = 36.8, lon = 118.3 } } }));
        Assert.Equal("time", r.GetProperty("items")[0].GetProperty("field").GetString());
        var ent = await Factory.ClientForAsync("qiye");
        var wide = await Problem(await ent.GetAsync($"/api/vehicles/{Uri.EscapeDataString(plate)}/track?from=2026-01-01T00:00:00%2B08:00&to=2026-03-01T00:00:00%2B08:00"), HttpStatusCode.BadRequest);
        Assert.True(wide.GetProperty("errors").TryGetProperty("to", out _));
    }
}

public sealed class SqliteTrackingApiTests(SqliteFactory factory) : TrackingApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresTrackingApiTests(PostgresFactory factory) : TrackingApiTests(factory), IClassFixture<PostgresFactory>;
