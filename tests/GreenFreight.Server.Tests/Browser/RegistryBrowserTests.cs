using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GreenFreight.Server.Tests.Browser;

public sealed class RegistryBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Office_searches_a_vehicle_sees_field_errors_saves_and_reads_the_history()
    {
        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForSelectorAsync("#targets");
        await page.GotoAsync(browser.BaseUrl + "/registry/vehicles");
        await page.WaitForSelectorAsync("#reg-table tbody tr");
        Assert.Contains("800", await page.InnerTextAsync("#reg-total"));

        var firstRow = page.Locator("#reg-table tbody tr").First;
        // The first cell is the plate (a demo row also carries the 演示数据 badge).
        var plate = (await firstRow.Locator("td").First.InnerTextAsync()).Replace("演示数据", "").Trim();
        output.WriteLine($"searching [{plate}]");
        await page.FillAsync("#reg-q", plate);
        await page.ClickAsync("#reg-search");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#reg-table tbody tr').length === 1");
        await page.Locator("#reg-table tbody tr").First.ClickAsync();

        await page.WaitForSelectorAsync("#f-vin");
        Assert.Equal(plate, await page.InputValueAsync("#f-plate"));
        var vin = await page.InputValueAsync("#f-vin");
        // A VIN with a wrong check digit is refused with the field's message; nothing is saved.
        var wrong = vin[..8] + (vin[8] == 'X' ? '0' : 'X') + vin[9..];
        await page.FillAsync("#f-vin", wrong);
        await page.DispatchEventAsync("#f-vin", "change");
        await page.ClickAsync("#reg-save");
        var error = page.Locator(".gf-field-error").Filter(new() { HasText = "校验位" });
        await error.First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "vehicle-field-error.png"), FullPage = true });

        await page.FillAsync("#f-vin", vin);
        await page.DispatchEventAsync("#f-vin", "change");
        await page.FillAsync("#f-rfidTag", "E20000172211014418900001");
        await page.DispatchEventAsync("#f-rfidTag", "change");
        await page.ClickAsync("#reg-save");
        await page.WaitForSelectorAsync("#reg-saved");

        await page.ClickAsync("#tab-history");
        var history = page.Locator("#reg-history");
        await history.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#reg-history').innerText.includes('E20000172211014418900001')");
        var text = await history.InnerTextAsync();
        Assert.Contains("admin", text);
        Assert.Contains("修改", text);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "vehicle-history.png"), FullPage = true });
        output.WriteLine($"Screenshots in {BrowserFixture.ScreenshotDir}");
    }

    [Fact]
    public async Task Office_creates_an_enterprise_account_and_sees_its_password_once()
    {
        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForSelectorAsync("#targets");
        await page.GotoAsync(browser.BaseUrl + "/admin/users");
        await page.WaitForSelectorAsync("#user-table tr[data-user='admin']");
        await page.ClickAsync("#user-new");
        await page.FillAsync("#u-name", "peisong01");
        await page.FillAsync("#u-display", "配送企业操作员");
        await page.ClickAsync("#user-save");
        // No enterprise chosen: the field says so.
        await page.Locator("#user-form .gf-field-error").First.WaitForAsync();
        await page.SelectOptionAsync("#u-ent", new SelectOptionValue { Index = 1 });
        await page.ClickAsync("#user-save");
        await page.WaitForSelectorAsync("#user-password code");
        Assert.True((await page.InnerTextAsync("#user-password code")).Trim().Length >= 12);
        await page.WaitForSelectorAsync("#user-table tr[data-user='peisong01']");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "accounts.png"), FullPage = true });
    }

    [Fact]
    public async Task Enterprise_lands_on_its_own_vehicles_only()
    {
        var page = await browser.LoggedInPageAsync("qiye", GreenFreightFactory.DemoPassword);
        await page.WaitForURLAsync("**/registry/vehicles**");
        await page.WaitForSelectorAsync("#reg-table tbody tr");
        var total = await page.InnerTextAsync("#reg-total");
        Assert.DoesNotContain("800", total);
        Assert.Equal(0, await page.Locator("a[href='/indicators']").CountAsync());
        await page.GotoAsync(browser.BaseUrl + "/registry/enterprises");
        await page.WaitForSelectorAsync("#reg-table tbody tr");
        Assert.Equal(1, await page.Locator("#reg-table tbody tr").CountAsync());
    }
}
