using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GreenFreight.Server.Tests.Browser;

public sealed class CockpitBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Office_logs_in_and_sees_six_gauges_and_the_map_with_facility_markers()
    {
        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForSelectorAsync("#targets .gf-target");
        Assert.Equal(6, await page.Locator("#targets .gf-target").CountAsync());

        // Every gauge is drawn by ECharts and coloured by whether its target is met.
        foreach (var code in new[] { "LZ-STATIONS", "LZ-NEV-CHARGER-RATIO", "LZ-BAYS", "LZ-COMMON-DELIVERY", "LZ-AAA", "LZ-PILOT-PLATFORMS" })
            await page.WaitForSelectorAsync($"[id='gauge-{code}'][data-gf-state] svg");
        Assert.Equal("ok", await page.GetAttributeAsync("[id='gauge-LZ-STATIONS']", "data-gf-state"));
        Assert.Equal("bad", await page.GetAttributeAsync("[id='gauge-LZ-NEV-CHARGER-RATIO']", "data-gf-state"));
        Assert.Equal(3, await page.Locator("#targets .gf-target[data-met='true']").CountAsync());
        Assert.Contains("已达成", await page.Locator(".gf-target[data-code='LZ-STATIONS'] .gf-badge").InnerTextAsync());

        // The map: the Linzi outline and markers per facility layer.
        await page.WaitForSelectorAsync("#cockpit-map .gf-marker-TerminalStation");
        Assert.Equal(12, await page.EvaluateAsync<int>("() => gf.map.markerCount('cockpit-map', 'TerminalStation')"));
        Assert.Equal(2, await page.EvaluateAsync<int>("() => gf.map.markerCount('cockpit-map', 'FreightHub')"));
        Assert.True(await page.Locator("#cockpit-map .gf-marker").CountAsync() > 60);
        Assert.True(await page.Locator("#cockpit-map path.leaflet-interactive, #cockpit-map svg path").CountAsync() > 0);

        // Trend charts and the 32 ministry indicators.
        await page.WaitForSelectorAsync("[id='trend-LZ-BAYS'] svg");
        Assert.Equal(32, await page.Locator("tr[data-code^='M']").CountAsync());

        var shot = Path.Combine(BrowserFixture.ScreenshotDir, "cockpit.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        output.WriteLine($"Screenshot: {shot}");
        Assert.True(new FileInfo(shot).Length > 50_000);

        // A marker opens a popup with the facility's details; a layer can be switched off.
        await page.Locator("#cockpit-map .gf-marker-TerminalStation").First.ClickAsync();
        var popup = page.Locator(".leaflet-popup-content");
        await popup.WaitForAsync();
        Assert.Contains("末端共同配送站", await popup.InnerTextAsync());
        await page.Locator("input[data-layer='TerminalStation']").UncheckAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#cockpit-map .gf-marker-TerminalStation').length === 0");

        // Recomputing the cockpit as of an earlier date changes the stations' value.
        await page.FillAsync("#asof", "2024-06-30");
        await page.DispatchEventAsync("#asof", "change");
        await page.WaitForFunctionAsync("() => document.querySelector(\".gf-target[data-code='LZ-STATIONS']\").dataset.met === 'false'");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "cockpit-2024-06-30.png"), FullPage = true });
    }

    [Fact]
    public async Task Indicator_page_lists_the_records_behind_the_value_and_english_is_one_click_away()
    {
        var page = await browser.LoggedInPageAsync("jtj", GreenFreightFactory.DemoPassword);
        await page.WaitForSelectorAsync("#targets .gf-target");
        await page.GotoAsync(browser.BaseUrl + "/indicators/LZ-STATIONS?asOf=2026-11-24");
        await page.WaitForSelectorAsync("#evidence-table tbody tr");
        var value = int.Parse((await page.InnerTextAsync("#indicator-value")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(value, await page.Locator("#evidence-table tbody tr").CountAsync());
        await page.WaitForSelectorAsync("#indicator-trend svg");
        // Each record links to its registry page.
        Assert.StartsWith("/registry/facilities/", await page.Locator("#evidence-table tbody tr a").First.GetAttributeAsync("href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "indicator-LZ-STATIONS.png"), FullPage = true });

        await page.ClickAsync("a[href^='/culture/en']");
        await page.WaitForSelectorAsync("text=Records behind the value");
        Assert.Contains("Cockpit", await page.InnerTextAsync("nav"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "indicator-LZ-STATIONS-en.png"), FullPage = true });
    }
}
