using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>A unit files its quarterly report, the office returns it with a comment, the unit resubmits, the office accepts and downloads the half-year circular.</summary>
public sealed class CampaignBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task File_return_resubmit_accept_and_download_the_circular()
    {
        var api = await browser.AdminClientAsync();
        var campaign = JsonDocument.Parse(await api.GetStringAsync("/api/campaigns")).RootElement.EnumerateArray().First().GetProperty("id").GetInt32();
        (await api.PostAsJsonAsync("/api/reports/open", new { campaignId = campaign, year = 2024, quarter = 2 })).EnsureSuccessStatusCode();

        // The unit (区商务局) opens its report from the list and files it.
        var swj = await browser.LoggedInPageAsync("swj", GreenFreightFactory.DemoPassword);
        await swj.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await swj.GotoAsync(browser.BaseUrl + "/campaign/reports");
        var row = swj.Locator("#cr-list tr[data-unit='区商务局']", new() { HasTextString = "2024年第2季度" });
        await row.Locator("a").ClickAsync();
        await swj.WaitForSelectorAsync("#re-status[data-status='Draft']");
        var reportUrl = swj.Url;
        const string narrative = "已在中心城区推广共同配送，新增3家连锁超市采用夜间配送。";
        await swj.Locator(".re-percent").First.FillAsync("40");
        await swj.Locator(".re-narrative").First.FillAsync(narrative);
        await swj.FillAsync("#re-problems", "部分门店夜间收货人员不足。");
        await swj.FillAsync("#re-nextplan", "组织商超召开共同配送推进会。");
        await swj.ClickAsync("#re-submit");
        await swj.WaitForSelectorAsync("#re-status[data-status='Submitted']");

        // The office returns it with a comment.
        var office = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await office.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await office.GotoAsync(reportUrl);
        await office.WaitForSelectorAsync("#re-review");
        await office.FillAsync("#re-comment", "请写明采用夜间配送的超市名称。");
        await office.ClickAsync("#re-return");
        await office.WaitForSelectorAsync("#re-status[data-status='Returned']");

        // The unit sees the comment (and the notification), edits and resubmits.
        await swj.GotoAsync(reportUrl);
        await swj.WaitForSelectorAsync("#re-comment-shown");
        Assert.Contains("请写明采用夜间配送的超市名称。", await swj.InnerTextAsync("#re-comment-shown"));
        await swj.ClickAsync("#gf-bell-btn");
        await swj.WaitForSelectorAsync("#gf-bell-list");
        Assert.Contains("被退回", await swj.InnerTextAsync("#gf-bell-list"));
        await swj.Locator(".re-narrative").First.FillAsync(narrative + "夜间配送超市：银座超市临淄店等。");
        await swj.ClickAsync("#re-submit");
        await swj.WaitForSelectorAsync("#re-status[data-status='Resubmitted']");

        // The office accepts, generates the circular of the first half of 2024 and downloads it.
        await office.GotoAsync(reportUrl);
        await office.WaitForSelectorAsync("#re-accept");
        await office.ClickAsync("#re-accept");
        await office.WaitForSelectorAsync("#re-status[data-status='Accepted']");
        await office.GotoAsync(browser.BaseUrl + "/campaign/circulars");
        await office.FillAsync("#cc-year", "2024");
        await office.SelectOptionAsync("#cc-half", "1");
        await office.ClickAsync("#cc-generate-btn");
        await office.WaitForSelectorAsync("#cc-edit[data-status='Draft']");
        Assert.Contains(await office.Locator(".cc-heading").EvaluateAllAsync<string[]>("els => els.map(e => e.value)"), h => h.EndsWith("区商务局", StringComparison.Ordinal));
        await office.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "campaign-circular.png"), FullPage = true });
        var download = await office.RunAndWaitForDownloadAsync(() => office.ClickAsync("#cc-download"));
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"gf-circular-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        using (var doc = WordprocessingDocument.Open(path, false))
        {
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("区商务局", text);
            Assert.Contains("银座超市临淄店", text);
        }
        File.Delete(path);

        // A unit with a manual indicator (区交通运输局, M30) sees whether its value counts: in force once submitted,
        // withdrawn when the office returns the report.
        var jtj = await browser.LoggedInPageAsync("jtj", GreenFreightFactory.DemoPassword);
        await jtj.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await jtj.GotoAsync(browser.BaseUrl + "/campaign/reports");
        await jtj.Locator("#cr-list tr[data-unit='区交通运输局']", new() { HasTextString = "2024年第2季度" }).Locator("a").ClickAsync();
        await jtj.WaitForSelectorAsync("#re-status[data-status='Draft']");
        var m30 = jtj.Locator("#re-indicators tr[data-code='M30']");
        await m30.Locator("input[type='number']").FillAsync("3.9");
        await m30.Locator("input").Nth(1).FillAsync("抽样调查测算（浏览器测试）");
        await jtj.ClickAsync("#re-submit");
        await jtj.WaitForSelectorAsync("#re-status[data-status='Submitted']");
        await jtj.WaitForSelectorAsync("#re-indicators tr[data-code='M30'] .re-entry[data-status='InForce']");
        Assert.Equal("已计入指标", (await m30.Locator(".re-entry").InnerTextAsync()).Trim());
        var jtjUrl = jtj.Url;
        await office.GotoAsync(jtjUrl);
        await office.WaitForSelectorAsync("#re-review");
        await office.FillAsync("#re-comment", "请附抽样调查报告。");
        await office.ClickAsync("#re-return");
        await office.WaitForSelectorAsync("#re-indicators tr[data-code='M30'] .re-entry[data-status='Withdrawn']");
        await jtj.GotoAsync(jtjUrl);
        await jtj.WaitForSelectorAsync("#re-indicators tr[data-code='M30'] .re-entry[data-status='Withdrawn']");
        Assert.Contains("不计入", await m30.Locator(".re-entry").InnerTextAsync());
    }
}
