using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>The office changes a task's units, is refused a task without a lead unit, adds a sub-item under a key task, extends the campaign and starts another.</summary>
public sealed class TasksBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Units_of_a_task_are_edited_and_a_sub_item_is_added_under_its_key_task()
    {
        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(browser.BaseUrl + "/campaign/tasks");
        var rows = page.Locator("#ct-tasks tbody tr");
        await rows.First.WaitForAsync();
        var keyRows = page.Locator("#ct-tasks tbody tr.gf-row-strong");

        // The first sub-item of the first key task gets 区商务局 as a responsible unit.
        var firstKeyId = await keyRows.First.GetAttributeAsync("data-id");
        var subRow = rows.Nth(1);
        var subId = await subRow.GetAttributeAsync("data-id");
        await subRow.Locator(".ct-edit").ClickAsync();
        await page.WaitForSelectorAsync($"#ct-form[data-id='{subId}']");
        await page.Locator("#ct-units label[data-unit='区商务局'] select").SelectOptionAsync("Responsible");
        await page.ClickAsync("#ct-save");
        await page.WaitForSelectorAsync("#ct-form", new() { State = WaitForSelectorState.Detached });
        Assert.Contains("区商务局", await page.Locator($"#ct-tasks tr[data-id='{subId}'] td").Nth(2).InnerTextAsync());

        // Without a lead unit the task is refused, and what is stored stays.
        await page.Locator($"#ct-tasks tr[data-id='{subId}'] .ct-edit").ClickAsync();
        await page.WaitForSelectorAsync($"#ct-form[data-id='{subId}']");
        var leads = await page.Locator("#ct-units label").EvaluateAllAsync<string[]>(
            "els => els.filter(l => l.querySelector('select').value === 'Lead').map(l => l.dataset.unit)");
        Assert.NotEmpty(leads);
        foreach (var unit in leads) await page.Locator($"#ct-units label[data-unit='{unit}'] select").SelectOptionAsync("");
        await page.ClickAsync("#ct-save");
        await page.WaitForSelectorAsync("#ct-form .gf-field-error");
        Assert.Contains("牵头单位", await page.InnerTextAsync("#ct-form .gf-field-error"));
        await page.ClickAsync("#ct-cancel");
        foreach (var unit in leads) Assert.Contains(unit, await page.Locator($"#ct-tasks tr[data-id='{subId}'] td").Nth(1).InnerTextAsync());

        // A sub-item for the first key task, led by 区交通运输局: listed after that key task's sub-items, before the second key task.
        async Task<List<string>> OrderAsync() => (await rows.EvaluateAllAsync<string[]>(
            "els => els.map(e => e.dataset.id + (e.classList.contains('gf-row-strong') ? 'K' : ''))")).ToList();
        var before = await OrderAsync();
        var subItems = before.IndexOf(before.Skip(1).First(o => o.EndsWith('K'))) - 1;   // rows between the first and second key task
        await page.Locator($"#ct-tasks tr[data-id='{firstKeyId}'] .ct-addsub").ClickAsync();
        await page.WaitForSelectorAsync($"#ct-form[data-parent='{firstKeyId}']");
        Assert.Equal($"{subItems + 1}．", await page.InputValueAsync("#ct-number"));
        await page.FillAsync("#ct-title", "建设城市配送车辆电子围栏（测试）");
        await page.FillAsync("#ct-content", "对限行区域设置电子围栏，推送至车载终端。");
        await page.FillAsync("#ct-due", "2025-09-30");
        foreach (var label in await page.Locator("#ct-units label").AllAsync()) await label.Locator("select").SelectOptionAsync("");   // narrowed from the key task's units
        await page.Locator("#ct-units label[data-unit='区交通运输局'] select").SelectOptionAsync("Lead");
        await page.ClickAsync("#ct-save");
        var added = page.Locator("#ct-tasks tbody tr", new() { HasTextString = "建设城市配送车辆电子围栏（测试）" });
        await added.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "campaign-tasks.png"), FullPage = true });
        var order = await OrderAsync();
        var at = order.IndexOf((await added.GetAttributeAsync("data-id"))!);
        Assert.Equal(subItems + 1, at);                // right after the first key task's own sub-items
        Assert.EndsWith("K", order[at + 1]);           // the second key task follows

        // Stored with its parent and its one lead unit; 区交通运输局 sees it among its tasks.
        var api = await browser.AdminClientAsync();
        var campaign = JsonDocument.Parse(await api.GetStringAsync("/api/campaigns")).RootElement[0].GetProperty("id").GetInt32();
        var unitId = JsonDocument.Parse(await api.GetStringAsync($"/api/campaigns/{campaign}/members")).RootElement.EnumerateArray()
            .Single(m => m.GetProperty("unit").GetString() == "区交通运输局").GetProperty("unitId").GetInt32();
        var mine = JsonDocument.Parse(await api.GetStringAsync($"/api/campaigns/{campaign}/tasks?unitId={unitId}")).RootElement.EnumerateArray()
            .Single(t => t.GetProperty("title").GetString() == "建设城市配送车辆电子围栏（测试）");
        Assert.Equal(int.Parse(firstKeyId!, System.Globalization.CultureInfo.InvariantCulture), mine.GetProperty("parentId").GetInt32());
        var lead = Assert.Single(mine.GetProperty("units").EnumerateArray());
        Assert.Equal("Lead", lead.GetProperty("role").GetString());
        Assert.Equal($"{subItems + 1}．", mine.GetProperty("number").GetString());
    }

    [Fact]
    public async Task The_office_extends_the_campaign_and_starts_a_new_one_with_its_first_key_task()
    {
        var page = await browser.LoggedInPageAsync("admin", GreenFreightFactory.AdminPassword);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(browser.BaseUrl + "/campaign/tasks");
        await page.Locator("#ct-tasks tbody tr").First.WaitForAsync();

        // The running campaign is extended by three months; an extension before the end is refused on its field.
        await page.ClickAsync("#ct-campaign-edit");
        await page.WaitForSelectorAsync("#ct-campaign-form");
        Assert.Equal("2025-09-30", await page.InputValueAsync("#cf-ends"));
        await page.FillAsync("#cf-extended", "2025-06-30");
        await page.ClickAsync("#cf-save");
        await page.WaitForSelectorAsync("#ct-campaign-form .gf-field-error");
        await page.FillAsync("#cf-extended", "2025-12-31");
        await page.ClickAsync("#cf-save");
        await page.WaitForSelectorAsync("#ct-campaign-form", new() { State = WaitForSelectorState.Detached });
        Assert.Contains("2025-12", await page.Locator("#ct-campaign option:checked").InnerTextAsync());

        // A new campaign: selected once saved, with no tasks; its first key task is added on the page.
        await page.ClickAsync("#ct-campaign-new");
        await page.FillAsync("#cf-name", "临淄区城市绿色货运配送巩固提升行动（测试）");
        await page.FillAsync("#cf-document", "临绿配办发〔2026〕1号");
        await page.FillAsync("#cf-starts", "2026-01-01");
        await page.FillAsync("#cf-ends", "2027-12-31");
        await page.ClickAsync("#cf-save");
        await page.WaitForSelectorAsync("#ct-campaign-form", new() { State = WaitForSelectorState.Detached });
        Assert.Contains("巩固提升行动", await page.Locator("#ct-campaign option:checked").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#ct-tasks tbody tr").CountAsync());
        await page.ClickAsync("#ct-new");
        await page.FillAsync("#ct-number", "（一）");
        await page.FillAsync("#ct-title", "巩固共同配送成果");
        await page.Locator("#ct-units label[data-unit='区商务局'] select").SelectOptionAsync("Lead");
        await page.ClickAsync("#ct-save");
        await page.Locator("#ct-tasks tbody tr.gf-row-strong", new() { HasTextString = "巩固共同配送成果" }).WaitForAsync();

        var api = await browser.AdminClientAsync();
        var campaigns = JsonDocument.Parse(await api.GetStringAsync("/api/campaigns")).RootElement.EnumerateArray().ToList();
        Assert.Equal("2025-12-31", campaigns.Single(c => c.GetProperty("name").GetString()!.StartsWith("临淄区落实", StringComparison.Ordinal)).GetProperty("extendedTo").GetString());
        var added = campaigns.Single(c => c.GetProperty("name").GetString() == "临淄区城市绿色货运配送巩固提升行动（测试）");
        Assert.Equal("临绿配办发〔2026〕1号", added.GetProperty("documentNumber").GetString());
        Assert.Equal(1, added.GetProperty("taskCount").GetInt32());
        Assert.True(added.GetProperty("memberCount").GetInt32() >= 16);   // the member units (and towns and streets) join
    }
}
