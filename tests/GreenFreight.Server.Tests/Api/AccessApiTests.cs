using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Api;

/// <summary>Access rules, checks, passes, bays and the public service end to end. Runs on SQLite and on PostgreSQL.</summary>
public abstract class AccessApiTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    protected static readonly TimeSpan China = TimeSpan.FromHours(8);
    const double InnerLon = 118.305, InnerLat = 36.815;

    protected static DateTimeOffset ChinaDay(int daysAhead, int hour, int minute = 0)
    {
        var now = DateTimeOffset.UtcNow.ToOffset(China);
        return new DateTimeOffset(now.Year, now.Month, now.Day, hour, minute, 0, China).AddDays(daysAhead);
    }

    static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    /// <summary>A diesel light truck of the demo enterprise <c>qiye</c>, in service, with no inServiceTo.</summary>
    protected async Task<JsonElement> QiyeDieselTruckAsync(HttpClient qiye, int skip = 0)
    {
        var items = (await Ok(await qiye.GetAsync("/api/vehicles?pageSize=200"))).GetProperty("items").EnumerateArray()
            .Where(v => v.GetProperty("energy").GetString() is "Diesel" or "Gasoline" && v.GetProperty("class").GetString() is "LightTruck" or "MicroTruck"
                        && v.GetProperty("inServiceTo").ValueKind == JsonValueKind.Null && !v.GetProperty("coldChain").GetBoolean()).ToList();
        Assert.True(items.Count > skip, "the demo enterprise has diesel light trucks");
        return items[skip];
    }

    [Fact]
    public async Task The_check_answers_with_zone_rule_and_reason_in_both_languages()
    {
        var admin = await Factory.ClientForAsync("admin");
        var truck = (await Ok(await admin.GetAsync("/api/vehicles?kind=LightTruck&energy=Diesel&pageSize=50"))).GetProperty("items").EnumerateArray()
            .First(v => !v.GetProperty("coldChain").GetBoolean());
        var plate = Uri.EscapeDataString(truck.GetProperty("plate").GetString()!);
        var peak = await Ok(await admin.GetAsync($"/api/access/check?plate={plate}&lon={InnerLon}&lat={InnerLat}&at={Q(ChinaDay(1, 7, 30))}"));
        Assert.False(peak.GetProperty("allowed").GetBoolean());
        Assert.Equal("临淄城区货车禁行区（演示）", peak.GetProperty("zone").GetProperty("name").GetString());
        Assert.Contains("早晚高峰", peak.GetProperty("rule").GetProperty("name").GetString());
        Assert.Contains("07:00–08:30", peak.GetProperty("reason").GetProperty("zh").GetString());
        Assert.Contains("no entry", peak.GetProperty("reason").GetProperty("en").GetString());
        Assert.Equal("Forbidden", peak.GetProperty("reason").GetProperty("code").GetString());
        Assert.True(peak.GetProperty("policyId").GetInt32() > 0);

        var noon = await Ok(await admin.GetAsync($"/api/access/check?plate={plate}&lon={InnerLon}&lat={InnerLat}&at={Q(ChinaDay(1, 12))}"));
        Assert.True(noon.GetProperty("allowed").GetBoolean());
        var emergency = await Ok(await admin.GetAsync($"/api/access/check?plate={plate}&lon={InnerLon}&lat={InnerLat}&at={Q(ChinaDay(1, 7, 30))}&emergency=true"));
        Assert.Equal("ExemptEmergency", emergency.GetProperty("reason").GetProperty("code").GetString());

        // Batch: answers in order.
        var p = truck.GetProperty("plate").GetString();
        var batch = (await Ok(await admin.PostAsJsonAsync("/api/access/check", new[]
        {
            new { plate = p, lon = InnerLon, lat = InnerLat, at = ChinaDay(1, 7, 30) },
            new { plate = p, lon = 118.45, lat = 36.95, at = ChinaDay(1, 7, 30) },
        }))).EnumerateArray().ToList();
        Assert.False(batch[0].GetProperty("allowed").GetBoolean());
        Assert.Equal("NoZone", batch[1].GetProperty("reason").GetProperty("code").GetString());

        // Bad input: the field at fault; unknown plates and other enterprises' vehicles are 404.
        var bad = await Problem(await admin.GetAsync($"/api/access/check?plate={plate}&lat={InnerLat}"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("lon", out _));
        await Problem(await admin.GetAsync($"/api/access/check?plate=%E9%B2%81C00000&lon={InnerLon}&lat={InnerLat}"), HttpStatusCode.NotFound);
        var qiye = await Factory.ClientForAsync("qiye");
        var mine = (await Ok(await qiye.GetAsync("/api/vehicles?pageSize=200"))).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("plate").GetString()).ToHashSet();
        var other = (await Ok(await admin.GetAsync("/api/vehicles?pageSize=200"))).GetProperty("items").EnumerateArray().First(v => !mine.Contains(v.GetProperty("plate").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await qiye.GetAsync($"/api/access/check?plate={Uri.EscapeDataString(other.GetProperty("plate").GetString()!)}&lon={InnerLon}&lat={InnerLat}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync($"/api/access/check?plate={plate}&lon={InnerLon}&lat={InnerLat}")).StatusCode);
    }

    [Fact]
    public async Task New_rules_are_checked_against_the_national_rules_and_show_in_the_matrix()
    {
        var police = await Factory.ClientForAsync("police");
        var zones = (await Ok(await police.GetAsync("/api/access/zones"))).EnumerateArray().ToList();
        var inner = zones.Single(z => z.GetProperty("kind").GetString() == "Restricted").GetProperty("id").GetInt32();

        // 04:00–23:00 leaves light trucks 5 hours: refused, nothing stored.
        var before = (await Ok(await police.GetAsync("/api/access/rules"))).GetArrayLength();
        var tooMuch = await Problem(await police.PostAsJsonAsync("/api/access/rules", new
        {
            name = "白天全时段禁行", zoneId = inner, classes = new[] { "LightTruck" }, energy = "Fuel", effect = "Forbid", windows = "04:00-23:00",
            effectiveFrom = "2026-01-01",
        }), HttpStatusCode.BadRequest);
        Assert.Contains("6 小时", tooMuch.GetProperty("errors").GetProperty("windows")[0].GetString());
        Assert.Equal(before, (await Ok(await police.GetAsync("/api/access/rules"))).GetArrayLength());

        // A weekday-only lunch ban is fine; it shows in the matrix and in the audit log.
        var saved = await Ok(await police.PostAsJsonAsync("/api/access/rules", new
        {
            name = "工作日午间禁行（测试）", zoneId = inner, classes = new[] { "LightTruck" }, energy = "Fuel", effect = "Forbid", windows = "11:30-13:00",
            days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }, effectiveFrom = "2026-01-01",
        }));
        var ruleId = saved.GetProperty("rule").GetProperty("id").GetInt32();
        Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], saved.GetProperty("rule").GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        var matrix = await Ok(await police.GetAsync($"/api/access/matrix?zoneId={inner}&date=2026-12-02"));
        var rows = matrix.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(12, rows.Count);
        var light = rows.Single(r => r.GetProperty("profile").GetString() == "light").GetProperty("cells").EnumerateArray().Select(c => c.GetInt32()).ToList();
        Assert.Equal(168, light.Count);
        Assert.Equal(1, light[11]);          // Monday 11–12: half forbidden
        Assert.Equal(2, light[12]);          // 12–13 forbidden
        Assert.Equal(0, light[5 * 24 + 12]); // Saturday free at noon
        Assert.All(rows.Single(r => r.GetProperty("profile").GetString() == "pickup").GetProperty("cells").EnumerateArray(), c => Assert.Equal(0, c.GetInt32()));

        var compliance = (await Ok(await police.GetAsync("/api/access/compliance"))).EnumerateArray().ToList();
        Assert.Contains(compliance, f => f.GetProperty("code").GetString() == "allday" && f.GetProperty("profile").GetString() == "medium-vi");
        Assert.DoesNotContain(compliance, f => f.GetProperty("severity").GetString() == "Error");

        // The check follows the new rule at once.
        var admin = await Factory.ClientForAsync("admin");
        var truck = (await Ok(await admin.GetAsync("/api/vehicles?kind=LightTruck&energy=Diesel&pageSize=50"))).GetProperty("items").EnumerateArray().First(v => !v.GetProperty("coldChain").GetBoolean());
        var monday = new DateTimeOffset(2026, 12, 7, 12, 0, 0, China);
        var r = await Ok(await admin.GetAsync($"/api/access/check?plate={Uri.EscapeDataString(truck.GetProperty("plate").GetString()!)}&lon={InnerLon}&lat={InnerLat}&at={Q(monday)}"));
        Assert.False(r.GetProperty("allowed").GetBoolean());

        // Enterprises and member units may not edit rules.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.ClientForAsync("qiye")).DeleteAsync($"/api/access/rules/{ruleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.ClientForAsync("jtj")).DeleteAsync($"/api/access/rules/{ruleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.DeleteAsync($"/api/access/rules/{ruleId}")).StatusCode);
        Assert.True((await Ok(await admin.GetAsync($"/api/access/check?plate={Uri.EscapeDataString(truck.GetProperty("plate").GetString()!)}&lon={InnerLon}&lat={InnerLat}&at={Q(monday)}"))).GetProperty("allowed").GetBoolean());

        // A zone outside Linzi is refused with the field at fault.
        var outside = await Problem(await police.PostAsJsonAsync("/api/access/zones", new
        {
            name = "区外", kind = "Restricted", area = new { type = "Polygon", coordinates = new[] { new[] { new[] { 117.0, 36.0 }, new[] { 117.1, 36.0 }, new[] { 117.1, 36.1 }, new[] { 117.0, 36.0 } } } },
        }), HttpStatusCode.BadRequest);
        Assert.True(outside.GetProperty("errors").TryGetProperty("area", out _));
    }

    static MultipartFormDataContent Material(string kind)
    {
        // A tiny real PNG (1×1).
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", $"{kind}.png");
        content.Add(new StringContent(kind), "kind");
        return content;
    }

    [Fact]
    public async Task Pass_workflow_apply_reject_resubmit_approve_verify_revoke()
    {
        var qiye = await Factory.ClientForAsync("qiye");
        var police = await Factory.ClientForAsync("police");
        var truck = await QiyeDieselTruckAsync(qiye);
        var day = ChinaDay(3, 0);
        var inner = (await Ok(await qiye.GetAsync("/api/access/zones"))).EnumerateArray().Single(z => z.GetProperty("kind").GetString() == "Restricted").GetProperty("id").GetInt32();
        var application = new
        {
            vehicleId = truck.GetProperty("id").GetInt32(), kind = "Temporary", validFrom = day.ToString("yyyy-MM-dd"), validTo = day.ToString("yyyy-MM-dd"),
            periods = "07:00-09:00", zoneIds = new[] { inner }, roads = "临淄大道、齐兴路", purpose = "超市早间补货",
        };
        var created = await Ok(await qiye.PostAsJsonAsync("/api/passes", application));
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("Draft", created.GetProperty("status").GetString());

        // Without materials the submission is refused and names what is missing.
        var missing = await Problem(await qiye.PostAsync($"/api/passes/{id}/submit", null), HttpStatusCode.BadRequest);
        Assert.Equal(3, missing.GetProperty("errors").GetProperty("materials").GetArrayLength());
        foreach (var k in new[] { "VehicleLicence", "DriverLicence", "ContractOrCargoList" })
            await Ok(await qiye.PostAsync($"/api/passes/{id}/materials", Material(k)));
        var submitted = await Ok(await qiye.PostAsync($"/api/passes/{id}/submit", null));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.True(submitted.GetProperty("reviewDueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(20));
        Assert.False(submitted.GetProperty("overdue").GetBoolean());
        // Materials: the applicant and the police may read them; the public never.
        var materialId = submitted.GetProperty("materials")[0].GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/api/passes/{id}/materials/{materialId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync($"/api/passes/{id}/materials/{materialId}")).StatusCode);

        // The enterprise cannot approve its own pass; the police reject with a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await qiye.PostAsync($"/api/passes/{id}/approve", null)).StatusCode);
        await Problem(await police.PostAsJsonAsync($"/api/passes/{id}/reject", new { reason = "" }), HttpStatusCode.BadRequest);
        var rejected = await Ok(await police.PostAsJsonAsync($"/api/passes/{id}/reject", new { reason = "通行时段过长，请缩短至 7:00–8:30" }));
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());

        // The applicant edits and resubmits; the police approve.
        await Ok(await qiye.PutAsJsonAsync($"/api/passes/{id}", application with { periods = "07:00-08:30" }));
        await Ok(await qiye.PostAsync($"/api/passes/{id}/submit", null));
        var approved = await Ok(await police.PostAsync($"/api/passes/{id}/approve", null));
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        var number = approved.GetProperty("number").GetString()!;
        var token = approved.GetProperty("token").GetString()!;
        Assert.StartsWith("GFP1.", token);

        // Verify: valid signature, not yet in force (three days ahead); a tampered token fails.
        var anon = Factory.CreateClient();
        var verified = await Ok(await anon.PostAsJsonAsync("/api/passes/verify", new { token }));
        Assert.Equal("NotYetValid", verified.GetProperty("signatureStatus").GetString());
        Assert.Equal(number, verified.GetProperty("payload").GetProperty("no").GetString());
        Assert.Equal(truck.GetProperty("plate").GetString(), verified.GetProperty("payload").GetProperty("plate").GetString());
        var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        var bad = await Ok(await anon.PostAsJsonAsync("/api/passes/verify", new { token = tampered }));
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Equal("BadSignature", bad.GetProperty("signatureStatus").GetString());
        var key = await Ok(await anon.GetAsync("/api/passes/public-key"));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", key.GetProperty("pem").GetString());
        Assert.DoesNotContain("PRIVATE", key.GetProperty("pem").GetString());

        // The QR code carries the verify URL with the token.
        var svg = await (await qiye.GetAsync($"/api/passes/{id}/qr.svg")).Content.ReadAsStringAsync();
        Assert.Equal(token, QrDecoding.DecodeSvgToken(svg));

        // On its day, in its period, the pass exempts the truck from the peak ban (and only then).
        var plate = Uri.EscapeDataString(truck.GetProperty("plate").GetString()!);
        var check = await Ok(await police.GetAsync($"/api/access/check?plate={plate}&lon={InnerLon}&lat={InnerLat}&at={Q(day.AddHours(7.5))}"));
        Assert.True(check.GetProperty("allowed").GetBoolean());
        Assert.Equal("ExemptPass", check.GetProperty("reason").GetProperty("code").GetString());
        Assert.Equal(number, check.GetProperty("pass").GetProperty("number").GetString());
        Assert.False((await Ok(await police.GetAsync($"/api/access/check?plate={plate}&lon={InnerLon}&lat={InnerLat}&at={Q(day.AddHours(17.5))}"))).GetProperty("allowed").GetBoolean());

        // Public lookup by plate: what, when, where; no enterprise, people or materials.
        var lookup = await anon.GetAsync($"/api/public/passes?plate={plate}");
        var text = await lookup.Content.ReadAsStringAsync();
        var found = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(x => x.GetProperty("number").GetString() == number);
        Assert.Equal("NotYetValid", found.GetProperty("state").GetString());
        var ent = await Ok(await qiye.GetAsync($"/api/enterprises/{created.GetProperty("enterpriseId").GetInt32()}"));
        Assert.DoesNotContain(ent.GetProperty("name").GetString()!, text);
        Assert.DoesNotContain("materials", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("qiye", text);

        // Revoked: the signature is still good, the pass is not.
        Assert.Equal(HttpStatusCode.Conflict, (await police.PostAsync($"/api/passes/{id}/approve", null)).StatusCode);
        await Ok(await police.PostAsJsonAsync($"/api/passes/{id}/revoke", new { reason = "车辆违规" }));
        var revoked = await Ok(await anon.PostAsJsonAsync("/api/passes/verify", new { token }));
        Assert.False(revoked.GetProperty("valid").GetBoolean());
        Assert.Equal("Revoked", revoked.GetProperty("state").GetString());
        Assert.False((await Ok(await police.GetAsync($"/api/access/check?plate={plate}&lon={InnerLon}&lat={InnerLat}&at={Q(day.AddHours(7.5))}"))).GetProperty("allowed").GetBoolean());

        // Every step is in the audit log.
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreenFreight.Server.Data.AppDbContext>();
        var key2 = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = db.AuditEntries.Where(a => a.EntityType == "DeliveryPass" && a.EntityId == key2).Select(a => a.UserName).ToList();
        Assert.Contains("qiye", audit);
        Assert.Contains("police", audit);
        Assert.True(audit.Count >= 6);
    }

    [Fact]
    public async Task Temporary_passes_need_24_hours_and_annual_passes_a_green_vehicle()
    {
        var qiye = await Factory.ClientForAsync("qiye");
        var truck = await QiyeDieselTruckAsync(qiye, skip: 1);
        var tomorrow = ChinaDay(1, 0);
        var late = await Ok(await qiye.PostAsJsonAsync("/api/passes", new
        {
            vehicleId = truck.GetProperty("id").GetInt32(), kind = "Temporary", validFrom = tomorrow.ToString("yyyy-MM-dd"), validTo = tomorrow.ToString("yyyy-MM-dd"), periods = "07:00-09:00",
        }));
        foreach (var k in new[] { "VehicleLicence", "DriverLicence", "ContractOrCargoList" })
            await Ok(await qiye.PostAsync($"/api/passes/{late.GetProperty("id").GetInt32()}/materials", Material(k)));
        var p = await Problem(await qiye.PostAsync($"/api/passes/{late.GetProperty("id").GetInt32()}/submit", null), HttpStatusCode.BadRequest);
        Assert.Contains("24", p.GetProperty("errors").GetProperty("validFrom")[0].GetString());

        var start = ChinaDay(10, 0);
        var annual = await Ok(await qiye.PostAsJsonAsync("/api/passes", new
        {
            vehicleId = truck.GetProperty("id").GetInt32(), kind = "Annual", validFrom = start.ToString("yyyy-MM-dd"), validTo = start.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd"), periods = "00:00-24:00",
        }));
        foreach (var k in new[] { "VehicleLicence", "DriverLicence", "ContractOrCargoList" })
            await Ok(await qiye.PostAsync($"/api/passes/{annual.GetProperty("id").GetInt32()}/materials", Material(k)));
        var q = await Problem(await qiye.PostAsync($"/api/passes/{annual.GetProperty("id").GetInt32()}/submit", null), HttpStatusCode.BadRequest);
        Assert.True(q.GetProperty("errors").TryGetProperty("kind", out _));
        // A material that is not PDF/JPEG/PNG is refused.
        var txt = new MultipartFormDataContent { { new ByteArrayContent("hello"u8.ToArray()), "file", "a.txt" }, { new StringContent("Other"), "kind" } };
        await Problem(await qiye.PostAsync($"/api/passes/{annual.GetProperty("id").GetInt32()}/materials", txt), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Concurrent_reservations_on_two_instances_never_double_book_a_bay()
    {
        var admin = await Factory.ClientForAsync("admin");
        var bay = (await Ok(await admin.GetAsync("/api/facilities?kind=LoadingBay&status=Operating&pageSize=100"))).GetProperty("items").EnumerateArray()
            .First(b => b.GetProperty("spaces").GetInt32() is >= 2 and <= 6 && b.GetProperty("maxStayMinutes").GetInt32() >= 30);
        var spaces = bay.GetProperty("spaces").GetInt32();
        var open = bay.GetProperty("openFrom").ValueKind == JsonValueKind.String ? TimeOnly.Parse(bay.GetProperty("openFrom").GetString()!) : new TimeOnly(8, 0);
        var start = ChinaDay(2, open.Hour + 1, 0);
        var vehicles = (await Ok(await admin.GetAsync("/api/vehicles?pageSize=100"))).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetInt32()).Take(spaces * 3).ToList();

        await using var second = new SecondInstanceFactory(Factory);
        var admin2 = await second.ClientForAsync("admin");
        var requests = vehicles.Select((v, i) => (i % 2 == 0 ? admin : admin2).PostAsJsonAsync("/api/bays/reservations",
            new { facilityId = bay.GetProperty("id").GetInt32(), vehicleId = v, start, minutes = 30 })).ToList();
        var responses = await Task.WhenAll(requests);
        var ok = new List<JsonElement>();
        foreach (var r in responses)
        {
            if (r.StatusCode == HttpStatusCode.OK) ok.Add(await ReadJson(r));
            else Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        }
        Assert.Equal(spaces, ok.Count);
        Assert.Equal(spaces, ok.Select(o => o.GetProperty("space").GetInt32()).Distinct().Count());
        var slots = (await Ok(await admin.GetAsync($"/api/bays/{bay.GetProperty("id").GetInt32()}/slots?date={start:yyyy-MM-dd}"))).EnumerateArray()
            .Single(s => s.GetProperty("start").GetDateTimeOffset() == start);
        Assert.Equal(0, slots.GetProperty("free").GetInt32());

        // Cancelling one frees its space for the next request; check-in and check-out work on the others.
        var first = ok[0].GetProperty("id").GetInt32();
        await Ok(await admin.PostAsync($"/api/bays/visits/{first}/cancel", null));
        var again = await Ok(await admin2.PostAsJsonAsync("/api/bays/reservations", new { facilityId = bay.GetProperty("id").GetInt32(), vehicleId = vehicles[^1], start, minutes = 30 }));
        Assert.Equal(ok[0].GetProperty("space").GetInt32(), again.GetProperty("space").GetInt32());
        var visit = ok[1].GetProperty("id").GetInt32();
        Assert.Equal("CheckedIn", (await Ok(await admin.PostAsync($"/api/bays/visits/{visit}/checkin", null))).GetProperty("status").GetString());
        var occ = (await Ok(await admin.GetAsync("/api/bays/occupancy"))).EnumerateArray().Single(o => o.GetProperty("facilityId").GetInt32() == bay.GetProperty("id").GetInt32());
        Assert.Equal(1, occ.GetProperty("checkedIn").GetInt32());
        Assert.Equal("Completed", (await Ok(await admin.PostAsync($"/api/bays/visits/{visit}/checkout", null))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/bays/visits/{visit}/checkout", null)).StatusCode);

        // Bad input names the field.
        var bad = await Problem(await admin.PostAsJsonAsync("/api/bays/reservations", new { facilityId = bay.GetProperty("id").GetInt32(), vehicleId = vehicles[0], start = start.AddMinutes(10), minutes = 45 }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("start", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("minutes", out _));
    }

    [Fact]
    public async Task Public_service_is_anonymous_and_shows_no_private_data()
    {
        var anon = Factory.CreateClient();
        var facilities = await anon.GetAsync("/api/public/facilities");
        Assert.Equal(HttpStatusCode.OK, facilities.StatusCode);
        var text = await facilities.Content.ReadAsStringAsync();
        var list = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        Assert.Contains(list, f => f.GetProperty("kind").GetString() == "ChargingStation" && f.GetProperty("piles").GetInt32() > 0);
        Assert.Contains(list, f => f.GetProperty("kind").GetString() == "LoadingBay" && f.GetProperty("free").ValueKind == JsonValueKind.Number);
        Assert.Contains(list, f => f.GetProperty("kind").GetString() == "TerminalStation");
        Assert.Contains(list, f => f.GetProperty("kind").GetString() == "DistributionCenter");

        // Nothing an enterprise keeps to itself: no operator names, contacts, phones or plates.
        var admin = await Factory.ClientForAsync("admin");
        var enterprises = (await Ok(await admin.GetAsync("/api/enterprises?pageSize=200"))).GetProperty("items").EnumerateArray().ToList();
        var vehicles = (await Ok(await admin.GetAsync("/api/vehicles?pageSize=200"))).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("plate").GetString()!).ToList();
        var zones = await (await anon.GetAsync("/api/public/access/zones?class=LightTruck&energy=Diesel")).Content.ReadAsStringAsync();
        var policies = await (await anon.GetAsync("/api/public/policies")).Content.ReadAsStringAsync();
        var nearest = await (await anon.GetAsync("/api/public/guide/nearest?lon=118.30&lat=36.82&kind=bay")).Content.ReadAsStringAsync();
        foreach (var body in new[] { text, zones, policies, nearest })
        {
            foreach (var e in enterprises)
            {
                Assert.DoesNotContain(e.GetProperty("name").GetString()!, body);
                if (e.GetProperty("contactPhone").GetString() is { Length: > 0 } phone) Assert.DoesNotContain(phone, body);
                if (e.GetProperty("contactName").GetString() is { Length: > 0 } person) Assert.DoesNotContain(person, body);
            }
            Assert.DoesNotContain(vehicles, body.Contains);
            Assert.DoesNotContain("operator", body, StringComparison.OrdinalIgnoreCase);
        }

        // Where may my vehicle go: a diesel light truck at 07:30 may not enter the restricted zone; a pickup may.
        var at = Uri.EscapeDataString(ChinaDay(1, 7, 30).ToString("O"));
        var truckZones = JsonDocument.Parse(await (await anon.GetAsync($"/api/public/access/zones?class=LightTruck&energy=Diesel&at={at}")).Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.False(truckZones.Single(z => z.GetProperty("kind").GetString() == "Restricted").GetProperty("allowed").GetBoolean());
        var pickupZones = JsonDocument.Parse(await (await anon.GetAsync($"/api/public/access/zones?class=Pickup&energy=Gasoline&at={at}")).Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.All(pickupZones, z => Assert.True(z.GetProperty("allowed").GetBoolean()));
        var trip = await Ok(await anon.GetAsync($"/api/public/guide/trip?fromLon=118.27&fromLat=36.815&toLon=118.34&toLat=36.815&class=LightTruck&energy=Diesel&at={at}"));
        Assert.False(trip.GetProperty("allowed").GetBoolean());
        Assert.Contains("临淄城区货车禁行区（演示）", trip.GetProperty("forbiddenZones").EnumerateArray().Select(z => z.GetString()));

        // Policy publications with the Zibo notice.
        Assert.Contains("淄博市中心城区货车通行管理通告", policies);
        // Bad input.
        await Problem(await anon.GetAsync("/api/public/passes?plate=abc"), HttpStatusCode.BadRequest);
        // The public pages answer without log-in.
        foreach (var page in new[] { "/public", "/public/access", "/public/passes", "/public/policies", "/public/guide", "/pass/verify" })
        {
            var r = await anon.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.DoesNotContain("/login", r.RequestMessage!.RequestUri!.AbsolutePath);
        }
    }
}

public sealed class SqliteAccessApiTests(SqliteFactory factory) : AccessApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresAccessApiTests(PostgresFactory factory) : AccessApiTests(factory), IClassFixture<PostgresFactory>;
