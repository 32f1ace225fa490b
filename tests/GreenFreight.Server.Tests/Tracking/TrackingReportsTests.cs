using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Tests.Api;
using GreenFreight.Server.Tests.Infrastructure;
using GreenFreight.Server.Tracking;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>The mileage and data-quality math on hand-made points.</summary>
public sealed class TrackingReportsMathTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 3, 8, 0, 0, TimeSpan.FromHours(8));
    static long Ms(int minutes) => T0.AddMinutes(minutes).ToUnixTimeMilliseconds();

    [Fact]
    public void Mileage_sums_great_circle_steps()
    {
        var fixes = new[] { (Ms(0), 36.80, 118.25), (Ms(1), 36.81, 118.25), (Ms(3), 36.81, 118.26) };
        var expected = PositionRules.DistanceKm(36.80, 118.25, 36.81, 118.25) + PositionRules.DistanceKm(36.81, 118.25, 36.81, 118.26);
        Assert.Equal(expected, TrackingReports.MileageKm(fixes), 9);
        Assert.InRange(TrackingReports.MileageKm(fixes), 1.9, 2.1);
    }

    [Fact]
    public void A_step_counts_at_most_what_120_kmh_allows_and_gaps_count()
    {
        // 0.5 h gap, 30 km apart: allowed (60 km/h) and counted in full.
        var gap = new[] { (Ms(0), 36.80, 118.25), (Ms(30), 36.80 + 30 / 111.2, 118.25) };
        Assert.Equal(PositionRules.DistanceKm(36.80, 118.25, 36.80 + 30 / 111.2, 118.25), TrackingReports.MileageKm(gap), 9);
        // 11 km in one minute (a drift that slipped through): capped at 2 km.
        var drift = new[] { (Ms(0), 36.80, 118.25), (Ms(1), 36.90, 118.25) };
        Assert.Equal(2.0, TrackingReports.MileageKm(drift), 9);
        // Same time twice: nothing.
        Assert.Equal(0, TrackingReports.MileageKm(new[] { (Ms(0), 36.80, 118.25), (Ms(0), 36.81, 118.25) }));
        Assert.Equal(0, TrackingReports.MileageKm([]));
        Assert.Equal(0, TrackingReports.MileageKm(new[] { (Ms(0), 36.80, 118.25) }));
    }

    [Fact]
    public void Completeness_is_the_share_of_five_minute_slots_with_a_fix_between_the_first_and_the_last()
    {
        // 08:00, 08:01 (slot 96), 08:12 (slot 98), 08:20 (slot 100): 3 of 5 slots.
        Assert.Equal(0.6, TrackingReports.Completeness([Ms(0), Ms(1), Ms(12), Ms(20)])!.Value, 9);
        Assert.Equal(1.0, TrackingReports.Completeness([Ms(0), Ms(4)])!.Value, 9);
        Assert.Equal(1.0, TrackingReports.Completeness([Ms(3)])!.Value, 9);
        // 08:04 and 08:05 are in two slots, both held.
        Assert.Equal(1.0, TrackingReports.Completeness([Ms(4), Ms(5)])!.Value, 9);
        // 08:04 (slot 96) and 08:10 (slot 98): slot 97 is empty.
        Assert.Equal(2.0 / 3, TrackingReports.Completeness([Ms(4), Ms(10)])!.Value, 9);
        Assert.Null(TrackingReports.Completeness([]));
    }
}

/// <summary>Posted positions show in <c>/api/tracking/mileage</c> and <c>/api/tracking/quality</c>.</summary>
public sealed class TrackingReportsApiTests(SqliteFactory factory) : ApiTestBase(factory), IClassFixture<SqliteFactory>
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task Mileage_and_quality_of_a_day_of_positions()
    {
        var admin = await Factory.ClientForAsync("admin");
        var enterprise = (await Ok(await admin.GetAsync("/api/enterprises?pageSize=1"))).GetProperty("items")[0];
        var enterpriseId = enterprise.GetProperty("id").GetInt32();
        const string plate = "鲁C7Q8K5";
        await Ok(await admin.PostAsJsonAsync("/api/vehicles", new
        {
            plate, vin = MakeVin(774411), @class = "LightTruck", energy = "Bev", grossWeightKg = 4200, lengthMm = 5990, emission = "NotApplicable",
            coldChain = false, ownerEnterpriseId = enterpriseId, inServiceFrom = "2025-03-01", terminalPhone = "013977441122",
        }));

        var now = DateTimeOffset.UtcNow.ToOffset(China).AddHours(-3);
        if (now.TimeOfDay > new TimeSpan(23, 30, 0)) now = now.AddHours(-1);   // the 25 minutes below stay in one China day
        var slotStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute / 5 * 5, 0, China);
        var b = slotStart.AddMinutes(1);
        var date = b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = b.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var before = RowOf(await Ok(await admin.GetAsync($"/api/tracking/quality?date={date}")), enterpriseId);
        Assert.Equal(0, before.GetProperty("onlineVehicles").GetInt32());
        var fleet = before.GetProperty("terminalVehicles").GetInt32();
        Assert.True(fleet >= 1);

        var positions = new object[]
        {
            new { plate, time = b, lat = 36.80, lon = 118.25, speedKmh = 40.0 },
            new { plate, time = b.AddMinutes(1), lat = 36.81, lon = 118.25, speedKmh = 40.0 },
            new { plate, time = b.AddMinutes(2), lat = 37.30, lon = 118.25, speedKmh = 40.0 },   // 55 km in a minute: drift
            new { plate, time = b.AddMinutes(11), lat = 36.82, lon = 118.25, speedKmh = 20.0 },
            new { plate, time = b.AddMinutes(20), lat = 36.83, lon = 118.25, speedKmh = 20.0 },
            new { plate, time = b.AddMinutes(21), lat = 36.83, lon = 118.25, speedKmh = 0.0, fixValid = false },
        };
        var r = await Ok(await admin.PostAsJsonAsync("/api/positions", new { positions }));
        Assert.Equal(4, r.GetProperty("valid").GetInt32());
        Assert.Equal("Drift", r.GetProperty("items")[2].GetProperty("verdict").GetString());

        var mileage = await Ok(await admin.GetAsync($"/api/tracking/mileage?month={month}"));
        Assert.Equal(1600, mileage.GetProperty("thresholdKm").GetDouble());
        var row = mileage.GetProperty("vehicles").EnumerateArray().Single(v => v.GetProperty("plate").GetString() == plate);
        var expected = 3 * PositionRules.DistanceKm(36.80, 118.25, 36.81, 118.25);
        Assert.Equal(expected, row.GetProperty("km").GetDouble(), 2);
        Assert.Equal(4, row.GetProperty("points").GetInt32());
        Assert.False(row.GetProperty("qualifies").GetBoolean());

        var q = RowOf(await Ok(await admin.GetAsync($"/api/tracking/quality?date={date}")), enterpriseId);
        Assert.Equal(fleet, q.GetProperty("terminalVehicles").GetInt32());
        Assert.Equal(1, q.GetProperty("onlineVehicles").GetInt32());
        Assert.Equal(1.0 / fleet, q.GetProperty("onlineRate").GetDouble(), 6);
        Assert.Equal(0.6, q.GetProperty("completeness").GetDouble(), 6);   // slots 0, 2, 4 of 0..4
        Assert.Equal(6, q.GetProperty("points").GetInt32());
        Assert.Equal(4.0 / 6, q.GetProperty("validRate").GetDouble(), 6);
        Assert.Equal(1.0 / 6, q.GetProperty("driftRate").GetDouble(), 6);

        // The Excel export carries the same row, with Chinese headers.
        var xlsx = await admin.GetAsync($"/api/tracking/mileage.xlsx?month={month}");
        Assert.Equal(System.Net.HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using (var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            var sheet = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            var line = sheet.Single(x => Equals(x["车牌号"], plate));
            Assert.Equal(Math.Round(expected, 3), Convert.ToDouble(line["里程（km）"], CultureInfo.InvariantCulture), 3);
            Assert.Equal("否", line["达标"]);
            Assert.Equal(mileage.GetProperty("vehicles").GetArrayLength(), sheet.Count);
        }

        // An enterprise sees only its own vehicles, in the report and in the export.
        var own = await Factory.ClientForAsync("qiye");
        var ownMileage = await Ok(await own.GetAsync($"/api/tracking/mileage?month={month}"));
        var ownIds = ownMileage.GetProperty("vehicles").EnumerateArray().Select(v => v.GetProperty("enterpriseId").GetInt32()).Distinct().ToList();
        Assert.True(ownIds.Count <= 1);
        var ownQuality = await Ok(await own.GetAsync($"/api/tracking/quality?date={date}"));
        var qIds = ownQuality.GetProperty("enterprises").EnumerateArray().Select(e => e.GetProperty("enterpriseId").GetInt32()).ToList();
        Assert.Single(qIds);
        Assert.DoesNotContain(ownMileage.GetProperty("vehicles").EnumerateArray(), v => v.GetProperty("enterpriseId").GetInt32() != qIds[0]);
        Assert.Equal(qIds[0] == enterpriseId, ownMileage.GetProperty("vehicles").EnumerateArray().Any(v => v.GetProperty("plate").GetString() == plate));
        using (var book = new MemoryStream(await (await own.GetAsync($"/api/tracking/mileage.xlsx?month={month}")).Content.ReadAsByteArrayAsync()))
        {
            var sheet = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(qIds[0] == enterpriseId, sheet.Any(x => Equals(x["车牌号"], plate)));
        }
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await admin.GetAsync("/api/tracking/mileage.xlsx?month=13-2026")).StatusCode);

        // Bad parameters are refused; another month has nothing of this vehicle.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await admin.GetAsync("/api/tracking/mileage?month=2026-13")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await admin.GetAsync("/api/tracking/quality?date=yesterday")).StatusCode);
        var old = await Ok(await admin.GetAsync("/api/tracking/mileage?month=2020-01"));
        Assert.Empty(old.GetProperty("vehicles").EnumerateArray());
    }

    static JsonElement RowOf(JsonElement report, int enterpriseId) =>
        report.GetProperty("enterprises").EnumerateArray().Single(e => e.GetProperty("enterpriseId").ValueKind == JsonValueKind.Number && e.GetProperty("enterpriseId").GetInt32() == enterpriseId);
}
