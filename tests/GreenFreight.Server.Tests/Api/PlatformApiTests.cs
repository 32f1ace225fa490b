using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;
using MiniExcelLibs;

namespace GreenFreight.Server.Tests.Api;

/// <summary>The platform's API end to end on a seeded database. Runs on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class PlatformApiTests(GreenFreightFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Health_reports_database_reachable()
    {
        var body = await Ok(await Factory.CreateClient().GetAsync("/healthz"));
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Anonymous_calls_are_refused_and_bad_credentials_get_a_problem()
    {
        var client = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/vehicles")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/indicators")).StatusCode);

        var wrong = await Problem(await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "nope-nope" }), HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误", wrong.GetProperty("title").GetString());

        var missing = await Problem(await client.PostAsJsonAsync("/api/auth/token", new { userName = "", password = "" }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("userName", out _));
    }

    [Fact]
    public async Task Token_carries_roles_and_enterprise()
    {
        var me = await Ok(await (await Factory.ClientForAsync("qiye")).GetAsync("/api/auth/me"));
        Assert.Equal("qiye", me.GetProperty("userName").GetString());
        Assert.Contains("enterprise", me.GetProperty("roleSet").EnumerateArray().Select(x => x.GetString()));
        Assert.True(me.GetProperty("enterpriseId").GetInt32() > 0);
    }

    [Fact]
    public async Task Units_registry_holds_the_seed_plans_units_with_duties()
    {
        var client = await Factory.ClientForAsync("jtj");
        var page = await Ok(await client.GetAsync("/api/units?pageSize=100"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(29, page.GetProperty("total").GetInt32());
        Assert.Single(items, u => u.GetProperty("kind").GetString() == "LeadingGroupOffice");
        Assert.Equal(16, items.Count(u => u.GetProperty("kind").GetString() == "MemberUnit"));
        var police = items.Single(u => u.GetProperty("name").GetString() == "临淄交警大队");
        Assert.StartsWith("负责制定城市配送车辆便利通行政策和停放管理方案", police.GetProperty("duties").GetString());
    }

    [Fact]
    public async Task Indicators_list_has_the_ministry_form_and_linzi_targets()
    {
        var client = await Factory.ClientForAsync("admin");
        var list = (await Ok(await client.GetAsync("/api/indicators"))).EnumerateArray().ToList();
        var codes = list.Select(i => i.GetProperty("code").GetString()).ToHashSet();
        for (var i = 1; i <= 32; i++) Assert.Contains($"M{i:D2}", codes);
        string[] linzi = ["LZ-STATIONS", "LZ-NEV-CHARGER-RATIO", "LZ-BAYS", "LZ-COMMON-DELIVERY", "LZ-AAA", "LZ-PILOT-PLATFORMS"];
        foreach (var c in linzi) Assert.Contains(c, codes);
        foreach (var i in list)
        {
            // Shape of the contract: met is null exactly where there is no target.
            var hasTarget = i.GetProperty("target").ValueKind != JsonValueKind.Null;
            Assert.Equal(hasTarget, i.GetProperty("met").ValueKind != JsonValueKind.Null || i.GetProperty("value").ValueKind == JsonValueKind.Null);
            Assert.True(i.TryGetProperty("evidenceCount", out _));
            Assert.True(i.TryGetProperty("computed", out _));
        }
        var met = list.Where(i => linzi.Contains(i.GetProperty("code").GetString())).ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("met").GetBoolean());
        Assert.True(met["LZ-STATIONS"]);
        Assert.True(met["LZ-BAYS"]);
        Assert.True(met["LZ-AAA"]);
        Assert.False(met["LZ-NEV-CHARGER-RATIO"]);
        Assert.False(met["LZ-COMMON-DELIVERY"]);
        Assert.False(met["LZ-PILOT-PLATFORMS"]);
    }

    [Theory]
    [InlineData("M09")]
    [InlineData("M10")]
    [InlineData("M11")]
    [InlineData("M12")]
    [InlineData("M13")]
    [InlineData("M14")]
    [InlineData("M15")]
    [InlineData("M16")]
    [InlineData("M18")]
    [InlineData("M19")]
    [InlineData("M29")]
    [InlineData("LZ-STATIONS")]
    [InlineData("LZ-AAA")]
    public async Task Counted_indicators_equal_the_records_behind_them_today_and_in_the_past(string code)
    {
        var client = await Factory.ClientForAsync("admin");
        foreach (var asOf in new[] { "2026-11-24", "2023-12-31" })
        {
            var value = await Ok(await client.GetAsync($"/api/indicators/{code}?asOf={asOf}"));
            var evidence = (await Ok(await client.GetAsync($"/api/indicators/{code}/evidence?asOf={asOf}"))).EnumerateArray().ToList();
            Assert.True(value.GetProperty("computed").GetBoolean());
            Assert.Equal(evidence.Count, (int)value.GetProperty("value").GetDecimal());
            Assert.Equal(evidence.Count, value.GetProperty("evidenceCount").GetInt32());
            Assert.All(evidence, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("label").GetString())));
        }
    }

    [Fact]
    public async Task A_past_date_recomputes_from_the_records_dates()
    {
        var client = await Factory.ClientForAsync("admin");
        var now = await Ok(await client.GetAsync("/api/indicators/M19?asOf=2026-11-24"));
        var then = await Ok(await client.GetAsync("/api/indicators/M19?asOf=2022-10-01"));
        Assert.True(now.GetProperty("value").GetDecimal() > then.GetProperty("value").GetDecimal());
        // #15 is the fleet at the start of the creation period: the same whatever the as-of date, and equal to #16 on that day.
        var m15 = await Ok(await client.GetAsync("/api/indicators/M15?asOf=2026-11-24"));
        var m16Start = await Ok(await client.GetAsync("/api/indicators/M16?asOf=2022-10-01"));
        Assert.Equal(m16Start.GetProperty("value").GetDecimal(), m15.GetProperty("value").GetDecimal());
        var bays2024 = await Ok(await client.GetAsync("/api/indicators/LZ-BAYS?asOf=2024-06-30"));
        Assert.False(bays2024.GetProperty("met").GetBoolean());
    }

    [Fact]
    public async Task The_ratio_target_is_the_quotient_of_M16_and_M17()
    {
        var client = await Factory.ClientForAsync("admin");
        var m16 = (await Ok(await client.GetAsync("/api/indicators/M16"))).GetProperty("value").GetDecimal();
        var m17 = (await Ok(await client.GetAsync("/api/indicators/M17"))).GetProperty("value").GetDecimal();
        var ratio = await Ok(await client.GetAsync("/api/indicators/LZ-NEV-CHARGER-RATIO"));
        Assert.Equal(Math.Round(m16 / m17, 2, MidpointRounding.AwayFromZero), ratio.GetProperty("value").GetDecimal());
        Assert.Equal("<", ratio.GetProperty("target").GetProperty("comparison").GetString());
        Assert.Equal(3m, ratio.GetProperty("target").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Trend_gives_one_value_per_quarter()
    {
        var client = await Factory.ClientForAsync("admin");
        var trend = await Ok(await client.GetAsync("/api/indicators/trend?codes=LZ-STATIONS,M19&to=2024-12-31"));
        var quarters = trend.GetProperty("quarters").EnumerateArray().Select(q => q.GetString()).ToList();
        Assert.Equal(["2022Q4", "2023Q1", "2023Q2", "2023Q3", "2023Q4", "2024Q1", "2024Q2", "2024Q3", "2024Q4"], quarters);
        var series = trend.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(2, series.Count);
        var stations = series[0].GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()).ToList();
        var q4 = await Ok(await client.GetAsync("/api/indicators/LZ-STATIONS?asOf=2024-12-31"));
        Assert.Equal(q4.GetProperty("value").GetDecimal(), stations[^1]);
        var bad = await Problem(await client.GetAsync("/api/indicators/trend?codes=M19&to=2024-13-01"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task Manual_indicator_entries_need_the_owning_unit_and_become_the_value()
    {
        var office = await Factory.ClientForAsync("admin");
        var unit = await Factory.ClientForAsync("swj");
        // M02 (协同推进工作) is not owned by 区商务局.
        var forbidden = await unit.PostAsync("/api/indicators/M02/entries", Form(("asOf", "2026-11-01"), ("value", "9")));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var computed = await Problem(await office.PostAsync("/api/indicators/M11/entries", Form(("asOf", "2026-11-01"), ("value", "3"))), HttpStatusCode.BadRequest);
        Assert.True(computed.GetProperty("errors").TryGetProperty("code", out _));
        var noFile = await Problem(await office.PostAsync("/api/indicators/M21/entries", Form(("asOf", "2026-11-01"), ("value", "1"))), HttpStatusCode.BadRequest);
        Assert.True(noFile.GetProperty("errors").TryGetProperty("files", out _));

        using var form = Form(("asOf", "2026-11-02"), ("value", "12"), ("description", "2026年第四季度协调会"));
        var created = await office.PostAsync("/api/indicators/M02/entries", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var v = await Ok(await office.GetAsync("/api/indicators/M02?asOf=2026-11-03"));
        Assert.Equal(12m, v.GetProperty("value").GetDecimal());
        Assert.False(v.GetProperty("computed").GetBoolean());

        using var withFile = Form(("asOf", "2026-11-02"), ("value", "1"), ("description", "通行政策"));
        var file = new ByteArrayContent("政策文件"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        withFile.Add(file, "files", "通行政策.txt");
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsync("/api/indicators/M21/entries", withFile)).StatusCode);
        var evidence = (await Ok(await office.GetAsync("/api/indicators/M21/evidence?asOf=2026-11-03"))).EnumerateArray().Single();
        var url = evidence.GetProperty("attachments").EnumerateArray().Single().GetProperty("url").GetString()!;
        Assert.Equal("政策文件", await office.GetStringAsync(url));
    }

    static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (n, v) in fields) form.Add(new StringContent(v), n);
        return form;
    }

    [Fact]
    public async Task Vehicle_create_update_delete_keeps_history_with_before_and_after()
    {
        var client = await Factory.ClientForAsync("admin");
        var owner = (await Ok(await client.GetAsync("/api/enterprises?pageSize=1"))).GetProperty("items")[0].GetProperty("id").GetInt32();
        var created = await client.PostAsJsonAsync("/api/vehicles", NewVehicle("鲁CD90001", MakeVin(90001), owner));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var v = await ReadJson(created);
        var id = v.GetProperty("id").GetInt32();
        Assert.Equal("鲁CD90001", v.GetProperty("plate").GetString());

        var update = JsonSerializer.Deserialize<Dictionary<string, object?>>(v.GetRawText(), Json)!;
        update["grossWeightKg"] = 3490;
        update["coldChain"] = true;
        await Ok(await client.PutAsJsonAsync($"/api/vehicles/{id}", update));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/vehicles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/vehicles/{id}")).StatusCode);

        var history = (await Ok(await client.GetAsync($"/api/vehicles/{id}/history"))).EnumerateArray().ToList();
        Assert.Equal(["Deleted", "Updated", "Created"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.All(history, h => Assert.Equal("admin", h.GetProperty("userName").GetString()));
        var changes = history[1].GetProperty("changes");
        Assert.Equal(4200, changes.GetProperty("GrossWeightKg").GetProperty("old").GetInt32());
        Assert.Equal(3490, changes.GetProperty("GrossWeightKg").GetProperty("new").GetInt32());
        Assert.False(changes.TryGetProperty("Plate", out _));
        Assert.Equal("鲁CD90001", history[0].GetProperty("changes").GetProperty("Plate").GetProperty("old").GetString());
        // The creation is recorded with the stored values, including the real owner key.
        Assert.Equal(owner, history[2].GetProperty("changes").GetProperty("OwnerEnterpriseId").GetProperty("new").GetInt32());
    }

    [Fact]
    public async Task Editing_a_demo_record_keeps_its_demo_marking_and_enterprises_cannot_delete_themselves()
    {
        var admin = await Factory.ClientForAsync("admin");
        var demo = (await Ok(await admin.GetAsync("/api/vehicles?q=鲁C&pageSize=1"))).GetProperty("items")[0];
        Assert.True(demo.GetProperty("isDemo").GetBoolean());
        var edit = JsonSerializer.Deserialize<Dictionary<string, object?>>(demo.GetRawText(), Json)!;
        edit["isDemo"] = false;
        edit["rfidTag"] = "E2000017221101441890ABCD";
        var saved = await Ok(await admin.PutAsJsonAsync($"/api/vehicles/{demo.GetProperty("id").GetInt32()}", edit));
        Assert.True(saved.GetProperty("isDemo").GetBoolean());
        Assert.Equal("E2000017221101441890ABCD", saved.GetProperty("rfidTag").GetString());

        var ent = await Factory.ClientForAsync("qiye");
        var me = (await Ok(await ent.GetAsync("/api/auth/me"))).GetProperty("enterpriseId").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await ent.DeleteAsync($"/api/enterprises/{me}")).StatusCode);
    }

    [Fact]
    public async Task Invalid_vehicle_gets_field_errors_in_chinese_or_english_and_stores_nothing()
    {
        var client = await Factory.ClientForAsync("admin");
        var before = (await Ok(await client.GetAsync("/api/vehicles?pageSize=1"))).GetProperty("total").GetInt32();
        var body = NewVehicle("鲁C1234", "LGXCE4D80PA12345X");
        var zh = await Problem(await client.PostAsJsonAsync("/api/vehicles", body), HttpStatusCode.BadRequest);
        var errors = zh.GetProperty("errors");
        Assert.Contains("车牌", errors.GetProperty("plate")[0].GetString());
        Assert.Contains("校验位", errors.GetProperty("vin")[0].GetString());

        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/vehicles") { Content = JsonContent.Create(body) };
        req.Headers.AcceptLanguage.ParseAdd("en");
        var en = await Problem(await client.SendAsync(req), HttpStatusCode.BadRequest);
        Assert.Contains("check", en.GetProperty("errors").GetProperty("vin")[0].GetString(), StringComparison.OrdinalIgnoreCase);

        var dup = await (await client.GetAsync("/api/vehicles?pageSize=1")).Content.ReadFromJsonAsync<JsonElement>();
        var existing = dup.GetProperty("items")[0];
        var taken = await Problem(await client.PostAsJsonAsync("/api/vehicles", NewVehicle(existing.GetProperty("plate").GetString()!, MakeVin(777))), HttpStatusCode.BadRequest);
        Assert.True(taken.GetProperty("errors").TryGetProperty("plate", out _));
        Assert.Equal(before, (await Ok(await client.GetAsync("/api/vehicles?pageSize=1"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unreadable_requests_get_a_problem_naming_the_field()
    {
        var client = await Factory.ClientForAsync("admin");
        var badEnum = new StringContent("""{"plate":"鲁CD90009","vin":"x","class":"Airplane","energy":"Bev","grossWeightKg":4000,"inServiceFrom":"2025-01-01"}""", System.Text.Encoding.UTF8, "application/json");
        var p = await Problem(await client.PostAsync("/api/vehicles", badEnum), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("class", out _));
        var badNumber = new StringContent("""{"plate":"鲁CD90009","grossWeightKg":"heavy"}""", System.Text.Encoding.UTF8, "application/json");
        p = await Problem(await client.PostAsync("/api/vehicles", badNumber), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("grossWeightKg", out _));
        var notJson = new StringContent("{plate:", System.Text.Encoding.UTF8, "application/json");
        p = await Problem(await client.PostAsync("/api/vehicles", notJson), HttpStatusCode.BadRequest);
        Assert.Equal("提交的数据有误，请检查标出的字段", p.GetProperty("title").GetString());
        p = await Problem(await client.GetAsync("/api/vehicles?page=abc"), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public async Task Enterprise_sees_and_changes_only_its_own_vehicles()
    {
        var ent = await Factory.ClientForAsync("qiye");
        var admin = await Factory.ClientForAsync("admin");
        var me = (await Ok(await ent.GetAsync("/api/auth/me"))).GetProperty("enterpriseId").GetInt32();

        var mine = await Ok(await ent.GetAsync("/api/vehicles?pageSize=200"));
        Assert.True(mine.GetProperty("total").GetInt32() > 0);
        Assert.All(mine.GetProperty("items").EnumerateArray(), v => Assert.Equal(me, v.GetProperty("ownerEnterpriseId").GetInt32()));

        var others = await Ok(await admin.GetAsync("/api/vehicles?pageSize=200"));
        var other = others.GetProperty("items").EnumerateArray().First(v => v.TryGetProperty("ownerEnterpriseId", out var o) && o.ValueKind == JsonValueKind.Number && o.GetInt32() != me);
        var otherId = other.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await ent.GetAsync($"/api/vehicles/{otherId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ent.PutAsJsonAsync($"/api/vehicles/{otherId}", JsonSerializer.Deserialize<object>(other.GetRawText()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ent.DeleteAsync($"/api/vehicles/{otherId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ent.GetAsync($"/api/vehicles/{otherId}/history")).StatusCode);
        // The district's indicators (whose evidence names other enterprises' records) are for government roles.
        Assert.Equal(HttpStatusCode.Forbidden, (await ent.GetAsync("/api/indicators/M19/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/vehicles/{otherId}")).StatusCode);

        // Creating for another enterprise is not possible: the record is the caller's own.
        var created = await Ok(await ent.PostAsJsonAsync("/api/vehicles", NewVehicle("鲁CD90002", MakeVin(90002), other.GetProperty("ownerEnterpriseId").GetInt32())));
        Assert.Equal(me, created.GetProperty("ownerEnterpriseId").GetInt32());

        // Other enterprises' records are hidden in every registry.
        var ents = await Ok(await ent.GetAsync("/api/enterprises"));
        Assert.Equal(1, ents.GetProperty("total").GetInt32());
        Assert.Equal(me, ents.GetProperty("items")[0].GetProperty("id").GetInt32());
        var exported = await ent.GetByteArrayAsync("/api/vehicles/export");
        var rows = new MemoryStream(exported).Query(useHeaderRow: true).ToList();
        Assert.Equal(mine.GetProperty("total").GetInt32() + 1, rows.Count);
    }

    [Fact]
    public async Task Roles_limit_writes()
    {
        var unit = await Factory.ClientForAsync("jtj");
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsJsonAsync("/api/vehicles", NewVehicle("鲁CD90003", MakeVin(90003)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unit.GetAsync("/api/vehicles")).StatusCode);
        var police = await Factory.ClientForAsync("police");
        var hub = new { name = "测试货运枢纽", kind = "FreightHub", status = "Planned", location = new { type = "Point", coordinates = new[] { 118.31, 36.82 } } };
        // Police keep bays and parking only: another kind is refused on the kind field.
        var notBay = await Problem(await police.PostAsJsonAsync("/api/facilities", hub), HttpStatusCode.BadRequest);
        Assert.Equal("交警只能维护装卸泊位和免费停车区", notBay.GetProperty("errors").GetProperty("kind")[0].GetString());
        var bay = new
        {
            name = "测试路装卸泊位", kind = "LoadingBay", status = "Operating", operatingFrom = "2026-01-05", placement = "OnRoad", spaces = 2, maxStayMinutes = 30,
            openFrom = "06:00:00", openTo = "22:00:00", location = new { type = "Point", coordinates = new[] { 118.31, 36.82 } },
        };
        var created = await Ok(await police.PostAsJsonAsync("/api/facilities", bay));
        Assert.Equal("Point", created.GetProperty("location").GetProperty("type").GetString());
        var outside = new { name = "区外泊位", kind = "LoadingBay", status = "Planned", placement = "OnRoad", spaces = 1, maxStayMinutes = 30, location = new { type = "Point", coordinates = new[] { 117.0, 36.6 } } };
        var p = await Problem(await police.PostAsJsonAsync("/api/facilities", outside), HttpStatusCode.BadRequest);
        Assert.True(p.GetProperty("errors").TryGetProperty("location", out _));
    }

    [Fact]
    public async Task Excel_import_reports_row_errors_and_saves_nothing_then_imports_a_clean_file()
    {
        var client = await Factory.ClientForAsync("admin");
        var template = await client.GetByteArrayAsync("/api/vehicles/template");
        var headers = new MemoryStream(template).Query(useHeaderRow: false).First() as IDictionary<string, object>;
        Assert.Contains("车牌号", headers!.Values.Select(v => v?.ToString()));
        var before = (await Ok(await client.GetAsync("/api/vehicles?pageSize=1"))).GetProperty("total").GetInt32();
        var ent = (await Ok(await client.GetAsync("/api/enterprises?pageSize=1"))).GetProperty("items")[0];
        var owner = ent.GetProperty("name").GetString();

        Dictionary<string, object?> Row(string plate, string vin, string cls = "轻型货车") => new()
        {
            ["车牌号"] = plate, ["车辆识别代号（VIN）"] = vin, ["车辆类型"] = cls, ["能源类型"] = "纯电动", ["总质量（kg）"] = 4495,
            ["排放标准"] = "不适用", ["所属企业"] = owner, ["投入运营日期"] = "2025-05-01",
        };
        var bad = new[]
        {
            Row("鲁CD91001", MakeVin(91001)),
            Row("鲁C9", MakeVin(91002)),               // row 3: bad plate
            Row("鲁CD91003", MakeVin(91001)),          // row 4: VIN duplicates row 2
            Row("鲁CD91004", MakeVin(91004), "飞机"),   // row 5: unknown class
        };
        var report = await Problem(await Import(client, bad), HttpStatusCode.BadRequest);
        var rows = report.GetProperty("rows").EnumerateArray().Select(r => (Row: r.GetProperty("row").GetInt32(), Field: r.GetProperty("field").GetString(), Column: r.GetProperty("column").GetString())).ToList();
        Assert.Contains((3, "plate", "车牌号"), rows);
        Assert.Contains((4, "vin", "车辆识别代号（VIN）"), rows);
        Assert.Contains((5, "class", "车辆类型"), rows);
        Assert.DoesNotContain(rows, r => r.Row == 2);
        Assert.Equal(before, (await Ok(await client.GetAsync("/api/vehicles?pageSize=1"))).GetProperty("total").GetInt32());

        // Rows as in the downloaded template: the 编号 (id) cell left empty means a new record.
        // An owner named by two enterprises is ambiguous: the row must give the USCC.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/enterprises", new { name = owner, uscc = MakeUscc("MA3DUP001"), kind = "Logistics" })).StatusCode);
        var ambiguous = await Problem(await Import(client, [Row("鲁CD91001", MakeVin(91001))]), HttpStatusCode.BadRequest);
        Assert.Contains("统一社会信用代码", ambiguous.GetProperty("rows")[0].GetProperty("message").GetString());
        var ownerUscc = ent.GetProperty("uscc").GetString();
        var good = new[] { Row("鲁CD91001", MakeVin(91001)), Row("鲁CD91002", MakeVin(91002), "微型货车") };
        foreach (var row in good) row["所属企业"] = ownerUscc;
        foreach (var row in good) row["编号"] = null;
        var result = await Ok(await Import(client, good));
        Assert.Equal(2, result.GetProperty("imported").GetInt32());
        Assert.Equal(before + 2, (await Ok(await client.GetAsync("/api/vehicles?pageSize=1"))).GetProperty("total").GetInt32());
        var found = await Ok(await client.GetAsync("/api/vehicles?q=CD91002"));
        Assert.Equal("MicroTruck", found.GetProperty("items")[0].GetProperty("class").GetString());
        Assert.Equal(owner, found.GetProperty("items")[0].GetProperty("ownerEnterpriseName").GetString());
    }

    static async Task<HttpResponseMessage> Import(HttpClient client, IEnumerable<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(rows);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(ms.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "vehicles.xlsx");
        return await client.PostAsync("/api/vehicles/import", form);
    }

    [Fact]
    public async Task Enterprise_uscc_is_checked_and_rating_is_for_the_authorities()
    {
        var admin = await Factory.ClientForAsync("admin");
        var bad = new { name = "测试物流有限公司", uscc = "91370305MA3C4XXXX0", kind = "Logistics" };
        var p = await Problem(await admin.PostAsJsonAsync("/api/enterprises", bad), HttpStatusCode.BadRequest);
        Assert.Contains("校验", p.GetProperty("errors").GetProperty("uscc")[0].GetString());
        var good = await Ok(await admin.PostAsJsonAsync("/api/enterprises", new { name = "测试物流有限公司", uscc = "91370305MA3C4XXXXX", kind = "Logistics" }));
        Assert.Equal("91370305MA3C4XXXXX", good.GetProperty("uscc").GetString());

        var ent = await Factory.ClientForAsync("qiye");
        var me = (await Ok(await ent.GetAsync("/api/enterprises"))).GetProperty("items")[0];
        var edit = JsonSerializer.Deserialize<Dictionary<string, object?>>(me.GetRawText(), Json)!;
        edit["contactName"] = "王经理";
        await Ok(await ent.PutAsJsonAsync($"/api/enterprises/{me.GetProperty("id").GetInt32()}", edit));
        edit["rating"] = "AAAAA";
        edit["ratingDate"] = "2026-01-01";
        var refused = await Problem(await ent.PutAsJsonAsync($"/api/enterprises/{me.GetProperty("id").GetInt32()}", edit), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("rating", out _));
    }

    [Fact]
    public async Task OpenApi_document_and_scalar_ui_are_served()
    {
        var client = Factory.CreateClient();
        var doc = await Ok(await client.GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/auth/token", "/api/indicators", "/api/indicators/{code}/evidence", "/api/vehicles", "/api/vehicles/{id}/history", "/api/vehicles/import" })
            Assert.True(paths.TryGetProperty(p, out _), p);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/docs/")).StatusCode);
    }
}

public sealed class SqlitePlatformApiTests(SqliteFactory factory) : PlatformApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresPlatformApiTests(PostgresFactory factory) : PlatformApiTests(factory), IClassFixture<PostgresFactory>;
