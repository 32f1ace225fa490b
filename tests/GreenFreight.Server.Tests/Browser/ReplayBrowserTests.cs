using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GreenFreight.Server.Tests.Browser;

public sealed class ReplayBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task Replay_draws_the_track_and_the_slider_moves_the_vehicle()
    {
        var admin = await browser.AdminClientAsync();
        var vehicles = JsonDocument.Parse(await admin.GetStringAsync("/api/vehicles?energy=Bev&pageSize=1")).RootElement;
        var plate = vehicles.GetProperty("items")[0].GetProperty("plate").GetString()!;
        // 30 fixes two minutes apart, ending ten minutes ago, heading north-east across the district at ~15 km/h, speeding up then slowing down.
        var start = DateTimeOffset.UtcNow.ToOffset(China).AddMinutes(-70);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, China);
        var positions = Enumerable.Range(0, 30).Select(i => new
        {
            plate, time = start.AddMinutes(2 * i), lat = 36.800 + 0.0025 * i, lon = 118.250 + 0.003 * i,
            speedKmh = 10.0 + 20 * Math.Sin(i / 29.0 * Math.PI), direction = 45, altitude = 40,
        }).ToList();
        var posted = await admin.PostAsJsonAsync("/api/positions", new { positions });
        posted.EnsureSuccessStatusCode();
        Assert.Equal(30, JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("valid").GetInt32());

        var page = await browser.LoggedInPageAsync("admin", Infrastructure.GreenFreightFactory.AdminPassword);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(browser.BaseUrl + "/tracking/replay");
        await page.WaitForSelectorAsync("#replay-map.gf-map-ready");
        // The plate is offered among the vehicles with positions.
        Assert.Equal(1, await page.Locator($"#replay-plates option[value='{plate}']").CountAsync());
        await page.FillAsync("#replay-plate", plate);
        await page.FillAsync("#replay-from", start.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.FillAsync("#replay-to", start.AddMinutes(70).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.ClickAsync("#replay-load");

        await page.WaitForSelectorAsync("#replay-map path.gf-track-line");
        Assert.Equal("30", await page.GetAttributeAsync("#replay-map", "data-track-points"));
        await page.WaitForSelectorAsync("#replay-slider");
        Assert.Equal("3480", await page.GetAttributeAsync("#replay-slider", "max"));
        // The zones the rules check (the Access capability's demo zones: restricted, limited, expressway) lie under the track.
        await page.WaitForSelectorAsync("#replay-map path.gf-shape-zones", new() { State = WaitForSelectorState.Attached });
        var zoneCount = JsonDocument.Parse(await admin.GetStringAsync("/api/tracking/zones")).RootElement.GetArrayLength();
        Assert.Equal(3, zoneCount);
        Assert.Equal(zoneCount, await page.Locator("#replay-map path.gf-shape-zones").CountAsync());
        await page.WaitForSelectorAsync("#replay-chart svg");
        Assert.Contains("30", await page.InnerTextAsync("#replay-summary"));

        var cursor = page.Locator("#replay-map .gf-cursor");
        var before = await cursor.BoundingBoxAsync();
        var timeBefore = await page.InnerTextAsync("#replay-time");
        Assert.Equal(start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), timeBefore.Trim());

        // Half-way: 29 minutes in, between fix 14 and 15.
        await page.EvalOnSelectorAsync("#replay-slider", "el => { el.value = '1740'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.WaitForFunctionAsync("() => document.getElementById('replay-map').dataset.cursor === '14.5'");
        await page.WaitForFunctionAsync($"t => document.getElementById('replay-time').innerText.trim() !== t", timeBefore.Trim());
        Assert.Equal(start.AddSeconds(1740).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), (await page.InnerTextAsync("#replay-time")).Trim());
        var after = await cursor.BoundingBoxAsync();
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.True(after!.X > before!.X + 20 && after.Y < before.Y - 20, $"cursor moved from {before.X},{before.Y} to {after.X},{after.Y}");

        // Playing at ×60 moves it on.
        await page.ClickAsync("button[data-speed='60']");
        await page.ClickAsync("#replay-play");
        await page.WaitForFunctionAsync("() => parseFloat(document.getElementById('replay-map').dataset.cursor) > 15");
        await page.ClickAsync("#replay-play");

        var shot = Path.Combine(BrowserFixture.ScreenshotDir, "tracking-replay.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        output.WriteLine($"Screenshot: {shot}");

        await page.GotoAsync(browser.BaseUrl + "/tracking/live");
        await page.WaitForSelectorAsync("#live-map .gf-veh");
        Assert.Equal("1", (await page.InnerTextAsync("#count-online")).Trim());
        await page.WaitForSelectorAsync("#live-map path.gf-shape-zones");
        Assert.Equal(1, await page.Locator("#live-table tbody tr").CountAsync());
        // The office pushes the zones to the vehicle's terminal (queued until its terminal is connected): one polygon
        // area per area zone (the restricted and the limited demo zone; expressways are lines, not terminal areas).
        var polygons = JsonDocument.Parse(await admin.GetStringAsync("/api/tracking/zones")).RootElement.EnumerateArray().Count(z => z.GetProperty("area").ValueKind == JsonValueKind.Object);
        Assert.Equal(2, polygons);
        await page.ClickAsync("#live-table .gf-push-zones");
        await page.WaitForSelectorAsync("#push-message");
        Assert.Contains($"已排队 {polygons} 条终端指令", await page.InnerTextAsync("#push-message"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "tracking-live.png"), FullPage = true });
    

        // The same vehicle in the mileage report, and the alarms list.
        await page.GotoAsync(browser.BaseUrl + "/tracking/reports");
        await page.WaitForSelectorAsync($"#mileage-table tr[data-plate='{plate}']");
        await page.WaitForSelectorAsync("#quality-chart svg");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "tracking-reports.png"), FullPage = true });
        await page.GotoAsync(browser.BaseUrl + "/tracking/alarms");
        await page.WaitForSelectorAsync("#alarm-count");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "tracking-alarms.png"), FullPage = true });
    }
}
