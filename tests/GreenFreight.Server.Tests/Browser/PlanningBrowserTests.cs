using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>The office plans a common delivery in the browser: the form, the live job page, the map, the timeline, the comparison and the Excel sheet.</summary>
public sealed class PlanningBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Form_plan_map_comparison_timeline_excel_and_a_bad_request()
    {
        var qiyeApi = await browser.ClientAsync("qiye", GreenFreightFactory.DemoPassword);
        var fleet = JsonDocument.Parse(await qiyeApi.GetStringAsync("/api/enterprises")).RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();

        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(browser.BaseUrl + "/planning");
        await page.WaitForSelectorAsync("#planning-new");
        Assert.Contains("共同配送/路径规划", await page.InnerTextAsync("#nav-planning"));
        await page.ClickAsync("#planning-new");
        await page.WaitForSelectorAsync(".plan-outlet");

        // Nothing chosen: the error names the fields.
        await page.ClickAsync("#plan-run");
        await page.WaitForSelectorAsync("#plan-problem");
        var problem = await page.InnerTextAsync("#plan-problem");
        Assert.Contains("stops", problem);
        Assert.Contains("请至少添加一个配送点", problem);

        var outlets = page.Locator(".plan-outlet");
        Assert.True(await outlets.CountAsync() >= 6);
        for (var i = 0; i < 6; i++) await outlets.Nth(i).CheckAsync();
        await page.Locator($".plan-fleet[data-id='{fleet}']").CheckAsync();
        await page.FillAsync("#plan-limit", "2");
        await page.ClickAsync("#plan-run");
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/planning/\\d+$"));
        await page.WaitForSelectorAsync("#job-status[data-status='Completed']", new PageWaitForSelectorOptions { Timeout = 90_000 });

        // Routes on the map (lines and stop markers), the timeline, the comparison and its chart.
        await page.WaitForSelectorAsync("#plan-map path.gf-shape");
        Assert.True(await page.Locator("#plan-map .gf-marker").CountAsync() >= 6);
        await page.WaitForSelectorAsync("#plan-timeline svg path, #plan-timeline svg rect");
        Assert.Equal(5, await page.Locator("#plan-compare tbody tr").CountAsync());
        Assert.Contains("共同配送", await page.InnerTextAsync("#plan-compare"));
        await page.WaitForSelectorAsync("#plan-compare-chart svg");
        Assert.Contains("Bev", await page.InnerTextAsync("#plan-factors"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "planning-job.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#job-excel"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"gf-plan-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
        File.Delete(file);

        // A re-plan with a bad new stop shows the error by field.
        await page.FillAsync("#replan-new", "X1,10,50,100");
        await page.ClickAsync("#replan-run");
        await page.WaitForSelectorAsync("#replan-problem");
        Assert.Contains("newStops[0].lon", await page.InnerTextAsync("#replan-problem"));
    }
}
