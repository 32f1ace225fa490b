using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>The office records a leading-group meeting, corrects and publishes it, assigns an action item and deletes a meeting, all on the page.</summary>
public sealed class MeetingsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Record_edit_publish_assign_and_delete_a_meeting()
    {
        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(browser.BaseUrl + "/meetings");

        // Recorded as a draft with two units present.
        const string title = "2026年第二次领导小组会议（测试）";
        await page.FillAsync("#mt-title", title);
        await page.FillAsync("#mt-date", "2026-07-15");
        await page.FillAsync("#mt-location", "区政府第三会议室");
        await page.FillAsync("#mt-agenda", "听取上半年创建工作进展汇报。");
        await page.Locator("#mt-form label[data-unit='区交通运输局'] input").CheckAsync();
        await page.Locator("#mt-form label[data-unit='区商务局'] input").CheckAsync();
        await page.ClickAsync("#mt-save");
        var card = page.Locator("article.gf-card", new() { HasTextString = title });
        await card.WaitForAsync();
        Assert.Contains("区交通运输局", await card.InnerTextAsync());

        // Edited: the form takes the meeting's values; a cleared title is refused and nothing stored changes.
        await card.Locator(".mt-edit").ClickAsync();
        await page.WaitForSelectorAsync("#mt-form[data-editing]:not([data-editing=''])");
        Assert.Equal(title, await page.InputValueAsync("#mt-title"));
        Assert.True(await page.Locator("#mt-form label[data-unit='区商务局'] input").IsCheckedAsync());
        await page.FillAsync("#mt-title", "");
        await page.ClickAsync("#mt-save");
        await page.WaitForSelectorAsync("#mt-form .gf-field-error");
        await card.WaitForAsync();   // still listed under its title

        // Corrected, minutes written, published.
        const string corrected = "2026年第二次领导小组（扩大）会议（测试）";
        await page.FillAsync("#mt-title", corrected);
        await page.FillAsync("#mt-minutes", "会议议定：区商务局牵头推进商超夜间配送。");
        await page.Locator("#mt-publish").CheckAsync();
        await page.ClickAsync("#mt-save");
        card = page.Locator("article.gf-card", new() { HasTextString = corrected });
        await card.WaitForAsync();
        await page.WaitForSelectorAsync("#mt-form[data-editing='']");
        Assert.Contains("会议议定：区商务局牵头推进商超夜间配送。", await card.InnerTextAsync());
        Assert.Contains("已发布", await card.Locator(".gf-card-title").InnerTextAsync());

        // An action item for 区商务局.
        await card.Locator(".mt-item-decision").FillAsync("推进商超夜间配送（测试）");
        await card.Locator(".mt-item-owner").SelectOptionAsync(new SelectOptionValue { Label = "区商务局" });
        await card.Locator(".mt-item-due").FillAsync("2026-09-30");
        await card.Locator(".mt-item-add").ClickAsync();
        await card.Locator("tbody tr", new() { HasTextString = "推进商超夜间配送（测试）" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "meetings.png"), FullPage = true });

        var api = await browser.AdminClientAsync();
        var stored = JsonDocument.Parse(await api.GetStringAsync("/api/meetings")).RootElement.EnumerateArray()
            .Single(m => m.GetProperty("title").GetString() == corrected);
        Assert.Equal("2026-07-15", stored.GetProperty("date").GetString());
        Assert.NotEqual(JsonValueKind.Null, stored.GetProperty("publishedAt").ValueKind);
        var present = stored.GetProperty("attendance").EnumerateArray().Where(a => a.GetProperty("present").GetBoolean())
            .Select(a => a.GetProperty("unitName").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "区交通运输局", "区商务局" }.Order(StringComparer.Ordinal), present);
        Assert.Equal("区商务局", stored.GetProperty("actionItems").EnumerateArray().Single().GetProperty("ownerUnit").GetString());

        // Deleted after a confirmation.
        await card.Locator(".mt-delete").ClickAsync();
        await card.Locator(".mt-delete-confirm").ClickAsync();
        await page.Locator("article.gf-card", new() { HasTextString = corrected }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.DoesNotContain(JsonDocument.Parse(await api.GetStringAsync("/api/meetings")).RootElement.EnumerateArray(),
            m => m.GetProperty("title").GetString() == corrected);
    }
}
