using GreenFreight.Server.Tests.Api;
using Microsoft.Playwright;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>The platform with a mail server that refuses for a while (a local SMTP server).</summary>
public sealed class OutboxBrowserFixture : BrowserFixture
{
    public FakeSmtpServer Smtp { get; }

    public OutboxBrowserFixture() : this(new FakeSmtpServer()) { }

    OutboxBrowserFixture(FakeSmtpServer smtp) : base(new Dictionary<string, string>
    {
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:DispatchSeconds"] = "0.2",
    }) => Smtp = smtp;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

/// <summary>The office gives a unit account an e-mail address, sees a refused message waiting on the outbox page and sends it again.</summary>
public sealed class OutboxBrowserTests(OutboxBrowserFixture browser) : IClassFixture<OutboxBrowserFixture>
{
    [Fact]
    public async Task A_refused_mail_waits_on_the_outbox_page_and_is_sent_again_from_there()
    {
        var page = await browser.LoggedInPageAsync("admin", Infrastructure.GreenFreightFactory.AdminPassword);
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));

        // The account of 区商务局 gets an e-mail address on the accounts page; a malformed one is refused on the field.
        await page.GotoAsync(browser.BaseUrl + "/admin/users");
        await page.Locator("#user-table tr[data-user='swj'] button").First.ClickAsync();
        await page.FillAsync("#u-email", "swj@@linzi");
        await page.ClickAsync("#user-save");
        await page.WaitForSelectorAsync("#user-form .gf-field-error");
        await page.FillAsync("#u-email", "swj@linzi.example.cn");
        await page.ClickAsync("#user-save");
        await page.WaitForSelectorAsync("#user-form", new() { State = WaitForSelectorState.Detached });

        // The mail server refuses; opening a quarter's reports notifies the unit.
        browser.Smtp.Refuse = true;
        var api = await browser.AdminClientAsync();
        var campaign = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync("/api/campaigns")).RootElement[0].GetProperty("id").GetInt32();
        (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/reports/open", new { campaignId = campaign, year = 2024, quarter = 1 })).EnsureSuccessStatusCode();

        await page.GotoAsync(browser.BaseUrl + "/admin/outbox");
        await page.WaitForSelectorAsync("#ob-channels:has-text('邮件：已启用')");
        var row = page.Locator("#ob-table tr", new() { HasTextString = "swj@linzi.example.cn" });
        for (var i = 0; i < 100 && await page.Locator("#ob-table tr[data-status='Retrying']", new() { HasTextString = "swj@linzi.example.cn" }).CountAsync() == 0; i++)
        {
            await page.WaitForTimeoutAsync(200);
            await page.ClickAsync("#ob-refresh");
        }
        var waiting = page.Locator("#ob-table tr[data-status='Retrying']", new() { HasTextString = "swj@linzi.example.cn" }).First;
        Assert.Contains("451", await waiting.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "outbox.png"), FullPage = true });

        // Sent again from the page once the server accepts.
        browser.Smtp.Refuse = false;
        await waiting.Locator(".ob-retry").ClickAsync();
        for (var i = 0; i < 100 && !browser.Smtp.Received.Any(m => m.To.Contains("swj@linzi.example.cn")); i++) await page.WaitForTimeoutAsync(100);
        Assert.Contains(browser.Smtp.Received, m => m.To.Contains("swj@linzi.example.cn") && m.Subject.Contains("2024年第1季度"));
        await page.SelectOptionAsync("#ob-status", "Sent");
        await page.Locator("#ob-table tr[data-status='Sent']", new() { HasTextString = "swj@linzi.example.cn" }).First.WaitForAsync();
    }
}
