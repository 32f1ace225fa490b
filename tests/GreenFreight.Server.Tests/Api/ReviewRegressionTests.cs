using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;

namespace GreenFreight.Server.Tests.Api;

/// <summary>Bad inputs and edge cases found in review: each gets a 400/409 with the field, never a 500 or a silent change.</summary>
public abstract class InputEdgeCaseTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    static readonly object Point = new { type = "Point", coordinates = new[] { 118.31, 36.82 } };

    [Fact]
    public async Task Too_long_values_are_field_errors_on_every_provider()
    {
        var admin = await Factory.ClientForAsync("admin");
        var bay = new { name = "长地址泊位", kind = "LoadingBay", status = "Planned", placement = "OnRoad", spaces = 1, maxStayMinutes = 30, address = new string('路', 301), location = Point };
        var p = await Problem(await admin.PostAsJsonAsync("/api/facilities", bay), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("address", out _));
        var ent = new { name = "长联系人公司", uscc = MakeUscc("MA3LNG001"), kind = "Logistics", contactName = new string('张', 51) };
        p = await Problem(await admin.PostAsJsonAsync("/api/enterprises", ent), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("contactName", out _));
    }

    [Fact]
    public async Task Numeric_enum_values_and_bad_geometry_are_refused_with_the_field()
    {
        var admin = await Factory.ClientForAsync("admin");
        var numeric = new StringContent("""{"plate":"鲁CD90010","vin":"LGXCE4D80PA123450","class":99,"energy":"Bev","grossWeightKg":4000,"inServiceFrom":"2025-01-01"}""", System.Text.Encoding.UTF8, "application/json");
        var p = await Problem(await admin.PostAsync("/api/vehicles", numeric), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("class", out _));

        var openRing = """{"name":"开环","kind":"FreightHub","status":"Planned","area":{"type":"Polygon","coordinates":[[[118.30,36.82],[118.31,36.82],[118.31,36.83]]]}}""";
        p = await Problem(await admin.PostAsync("/api/facilities", new StringContent(openRing, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("area", out _));
        var line = """{"name":"线","kind":"FreightHub","status":"Planned","location":{"type":"LineString","coordinates":[[118.30,36.82],[118.31,36.82]]}}""";
        p = await Problem(await admin.PostAsync("/api/facilities", new StringContent(line, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("location", out _));
    }

    [Fact]
    public async Task Status_must_agree_with_the_dates()
    {
        var admin = await Factory.ClientForAsync("admin");
        var station = new { name = "规划中的站", kind = "TerminalStation", status = "Planned", operatingFrom = "2024-01-01", location = Point };
        var p = await Problem(await admin.PostAsJsonAsync("/api/facilities", station), HttpStatusCode.BadRequest);
        Assert.Contains("运营", p.GetProperty("errors").GetProperty("status")[0].GetString());
    }

    [Fact]
    public async Task Huge_page_numbers_and_dates_out_of_range_do_not_fail()
    {
        var admin = await Factory.ClientForAsync("admin");
        var page = await Ok(await admin.GetAsync("/api/vehicles?page=2147483647&pageSize=200"));
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(800, page.GetProperty("total").GetInt32());
        var p = await Problem(await admin.GetAsync("/api/indicators/trend?codes=M01&to=9999-12-31"), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("to", out _));
        await Problem(await admin.GetAsync("/api/indicators/M01?asOf=0001-01-01"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var admin = await Factory.ClientForAsync("admin");
        var v = (await Ok(await admin.GetAsync("/api/vehicles?pageSize=1&page=7"))).GetProperty("items")[0];
        var id = v.GetProperty("id").GetInt32();
        var first = JsonSerializer.Deserialize<Dictionary<string, object?>>(v.GetRawText(), Json)!;
        first["rfidTag"] = "FIRST";
        var saved = await Ok(await admin.PutAsJsonAsync($"/api/vehicles/{id}", first));
        Assert.Equal(v.GetProperty("version").GetInt32() + 1, saved.GetProperty("version").GetInt32());
        var second = JsonSerializer.Deserialize<Dictionary<string, object?>>(v.GetRawText(), Json)!;   // still the old version
        second["rfidTag"] = "SECOND";
        var p = await Problem(await admin.PutAsJsonAsync($"/api/vehicles/{id}", second), HttpStatusCode.Conflict);
        Assert.Contains("刷新", p.GetProperty("title").GetString());
        Assert.Equal("FIRST", (await Ok(await admin.GetAsync($"/api/vehicles/{id}"))).GetProperty("rfidTag").GetString());
    }

    [Fact]
    public async Task Enterprise_cannot_change_fields_that_drive_indicators()
    {
        var ent = await Factory.ClientForAsync("qiye");
        var me = (await Ok(await ent.GetAsync("/api/enterprises"))).GetProperty("items")[0];
        var edit = JsonSerializer.Deserialize<Dictionary<string, object?>>(me.GetRawText(), Json)!;
        edit["kind"] = me.GetProperty("kind").GetString() == "Courier" ? "Logistics" : "Courier";
        edit["dockedSince"] = "2022-10-01";
        var p = await Problem(await ent.PutAsJsonAsync($"/api/enterprises/{me.GetProperty("id").GetInt32()}", edit), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(p.GetProperty("errors").TryGetProperty("dockedSince", out _));
    }

    [Fact]
    public async Task Return_urls_to_other_hosts_go_home_instead()
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var url in new[] { "%2F%5Cevil.com", "%2F%2Fevil.com", "https%3A%2F%2Fevil.com" })
        {
            var r = await client.GetAsync($"/culture/en?returnUrl={url}");
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal("/", r.Headers.Location?.OriginalString);
        }
    }
}

public sealed class SqliteInputEdgeCaseTests(SqliteFactory factory) : InputEdgeCaseTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresInputEdgeCaseTests(PostgresFactory factory) : InputEdgeCaseTests(factory), IClassFixture<PostgresFactory>;
