using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>The office views the ministry form of a quarter and downloads it as Excel.</summary>
public sealed class ReportingBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Ministry_form_page_shows_the_quarter_and_downloads_the_workbook()
    {
        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(browser.BaseUrl + "/reports/ministry-form");
        await page.WaitForSelectorAsync("#mf-table");
        await page.FillAsync("#mf-year", "2025");
        await page.SelectOptionAsync("#mf-quarter", "4");
        await page.ClickAsync("#mf-show");
        await page.WaitForSelectorAsync("#mf-cycle:has-text('2025年第4季度')");
        Assert.Equal(32, await page.Locator("#mf-table tbody tr").CountAsync());
        Assert.Contains("3,912,640.00", await page.InnerTextAsync("#mf-table tr[data-no='5'] .mf-value"));
        Assert.Contains("☑ 数据分析", await page.InnerTextAsync("#mf-checklist"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "ministry-form.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#mf-download"));
        Assert.Equal("城市绿色货运配送示范工程运行情况信息表-2025Q4.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"gf-ministry-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        using (var doc = SpreadsheetDocument.Open(path, false))
        {
            var cells = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => c.InnerText);
            Assert.Equal("城市绿色货运配送示范工程运行情况信息表", cells["A1"]);
            Assert.Equal("填报周期：2025年第4季度", cells["C3"]);
            Assert.Equal("创建领导小组", cells["B5"]);
        }
        File.Delete(path);
    }
}
