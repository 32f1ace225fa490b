using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>The office creates a year's assessment, scores a unit, re-weights the scheme on the page (its scores stay), publishes and withdraws.</summary>
public sealed class AssessmentBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Create_score_reweight_publish_and_withdraw()
    {
        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(browser.BaseUrl + "/assessment");
        await page.FillAsync("#as-year", "2024");
        await page.ClickAsync("#as-show");
        await page.ClickAsync("#as-create");
        await page.WaitForSelectorAsync("#as-table");

        // 区交通运输局: 12 points on M1 and a comment.
        var api = await browser.AdminClientAsync();
        var unitId = JsonDocument.Parse(await api.GetStringAsync("/api/units?pageSize=200")).RootElement.GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("name").GetString() == "区交通运输局").GetProperty("id").GetInt32();
        var row = page.Locator($"#as-table tr[data-unit='{unitId}']");
        var m1Column = await page.Locator("#as-table thead th").EvaluateAllAsync<int>("ths => ths.findIndex(th => th.textContent.includes('协同配合'))");
        await row.Locator("td").Nth(m1Column).Locator("input").FillAsync("12");
        await row.Locator("td").Nth(m1Column).Locator("input").DispatchEventAsync("change");
        await row.Locator(".as-comment").FillAsync("平台对接推进有力");
        await row.Locator(".as-comment").DispatchEventAsync("change");
        // Stored (the page saves on change): wait for the results to show it, then for the page to have re-rendered.
        for (var i = 0; i < 100; i++)
        {
            var now = JsonDocument.Parse(await api.GetStringAsync("/api/assessment/2024/results")).RootElement.GetProperty("results").EnumerateArray()
                .Single(r => r.GetProperty("unitId").GetInt32() == unitId);
            if (now.GetProperty("comment").GetString() == "平台对接推进有力"
                && now.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("code").GetString() == "M1").GetProperty("points").GetDecimal() == 12m) break;
            await page.WaitForTimeoutAsync(100);
        }
        await page.WaitForSelectorAsync($"#as-table tbody tr:first-child[data-unit='{unitId}']");   // ranked first with the 12 points

        // Re-weighted on the page: a total other than 100 is refused, then A1 25 -> 20 and M1 15 -> 20.
        await page.ClickAsync("#as-edit");
        await page.WaitForSelectorAsync("#as-scheme");
        await page.Locator("#as-items tr[data-code='A1'] .as-weight").FillAsync("20");
        await page.WaitForSelectorAsync("#as-sum.gf-field-error:has-text('95')");   // the total follows the typing
        await page.ClickAsync("#as-save");
        await page.WaitForSelectorAsync("#as-scheme .gf-field-error:has-text('100')");
        await page.Locator("#as-items tr[data-code='M1'] .as-weight").FillAsync("20");
        await page.FillAsync("#as-name", "2024年度成员单位考核（调整分值）");
        await page.ClickAsync("#as-save");
        await page.WaitForSelectorAsync("#as-scheme", new() { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync("#as-table thead th:has-text('协同配合与信息报送质量（办公室评分）（20）')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "assessment.png"), FullPage = true });
        // The ranking moved rows: each row's inputs still show its own unit's score and comment, not the row's former occupant's.
        var shown = await page.Locator("#as-table tbody tr").EvaluateAllAsync<string[]>(
            $"trs => trs.map(tr => tr.dataset.unit + '|' + tr.querySelectorAll('td')[{m1Column}].querySelector('input').value + '|' + tr.querySelector('.as-comment').value)");
        Assert.Equal($"{unitId}|12|平台对接推进有力", shown.Single(x => x.StartsWith($"{unitId}|", StringComparison.Ordinal)));
        Assert.All(shown.Where(x => !x.StartsWith($"{unitId}|", StringComparison.Ordinal)), x => Assert.EndsWith("|0|", x));

        var results = JsonDocument.Parse(await api.GetStringAsync("/api/assessment/2024/results")).RootElement;
        Assert.Equal("2024年度成员单位考核（调整分值）", results.GetProperty("scheme").GetProperty("name").GetString());
        var mine = results.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("unitId").GetInt32() == unitId);
        Assert.Equal(12m, mine.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "M1").GetProperty("points").GetDecimal());
        Assert.Equal("平台对接推进有力", mine.GetProperty("comment").GetString());

        // Published to the units, then withdrawn.
        await page.ClickAsync("#as-publish");
        await page.WaitForSelectorAsync("#as-withdraw");
        var jtj = await browser.ClientAsync("jtj", GreenFreightFactory.DemoPassword);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await jtj.GetAsync("/api/assessment/2024/results")).StatusCode);
        await page.ClickAsync("#as-withdraw");
        await page.WaitForSelectorAsync("#as-publish");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await jtj.GetAsync("/api/assessment/2024/results")).StatusCode);
    }
}
