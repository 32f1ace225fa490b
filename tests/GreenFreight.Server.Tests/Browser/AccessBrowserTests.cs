using System.Globalization;
using System.Text.Json;
using GreenFreight.Server.Tests.Api;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>An enterprise applies for a pass in the browser, the police approve it, and anyone verifies its QR code.</summary>
public sealed class AccessBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task Apply_approve_verify()
    {
        // A diesel light truck of the demo enterprise, in service for good.
        var qiyeApi = await browser.ClientAsync("qiye", GreenFreightFactory.DemoPassword);
        var vehicles = JsonDocument.Parse(await qiyeApi.GetStringAsync("/api/vehicles?pageSize=200")).RootElement.GetProperty("items").EnumerateArray()
            .First(v => v.GetProperty("inServiceTo").ValueKind == JsonValueKind.Null && v.GetProperty("energy").GetString() == "Diesel");
        var vehicleId = vehicles.GetProperty("id").GetInt32();
        var plate = vehicles.GetProperty("plate").GetString()!;
        var day = DateTimeOffset.UtcNow.ToOffset(China).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var qiye = await browser.LoggedInPageAsync("qiye", GreenFreightFactory.DemoPassword);
        await qiye.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await qiye.GotoAsync(browser.BaseUrl + "/access/passes");
        await qiye.ClickAsync("#pass-new");
        await qiye.SelectOptionAsync("#pf-vehicle", vehicleId.ToString(CultureInfo.InvariantCulture));
        await qiye.SelectOptionAsync("#pf-kind", "Temporary");
        await qiye.FillAsync("#pf-from", day);
        await qiye.FillAsync("#pf-to", day);
        await qiye.FillAsync("#pf-periods", "07:00-08:30");
        await qiye.Locator(".pf-zone").First.CheckAsync();
        await qiye.FillAsync("#pf-roads", "临淄大道、齐兴路");
        await qiye.FillAsync("#pf-purpose", "超市早间补货");
        await qiye.ClickAsync("#pf-save");
        await qiye.WaitForSelectorAsync("#pass-detail[data-status='Draft']");
        var id = await qiye.GetAttributeAsync("#pass-detail", "data-id");

        var png = Path.Combine(Path.GetTempPath(), $"gf-material-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(png, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        foreach (var kind in new[] { "VehicleLicence", "DriverLicence", "ContractOrCargoList" })
        {
            await qiye.SetInputFilesAsync($"#pm-{kind}", png);
            await qiye.WaitForSelectorAsync($"#pass-materials li[data-kind='{kind}']");
        }
        await qiye.ClickAsync("#pass-submit");
        await qiye.WaitForSelectorAsync("#pass-detail[data-status='Submitted']");
        await qiye.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "pass-apply.png"), FullPage = true });

        // The police see it in the queue (with its review deadline) and approve it.
        var police = await browser.LoggedInPageAsync("police", GreenFreightFactory.DemoPassword);
        await police.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await police.GotoAsync(browser.BaseUrl + "/access/passes");
        await police.ClickAsync($"#pass-list tr[data-id='{id}'] .pass-open");
        await police.WaitForSelectorAsync("#pass-approve");
        await police.ClickAsync("#pass-approve");
        await police.WaitForSelectorAsync("#pass-detail[data-status='Approved'] #pass-qr svg");
        var token = (await police.GetAttributeAsync("#pass-qr", "data-token"))!;
        Assert.StartsWith("GFP1.", token);
        // The QR code on the page reads back as the verify URL with the token.
        var svg = await police.InnerHTMLAsync("#pass-qr");
        Assert.Equal(token, QrDecoding.DecodeSvgToken(svg[svg.IndexOf("<svg", StringComparison.Ordinal)..(svg.IndexOf("</svg>", StringComparison.Ordinal) + 6)]));
        await police.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "pass-approved.png"), FullPage = true });

        // Anyone scanning it lands on the public verify page, without log-in.
        var anon = await browser.AnonymousPageAsync(390, 844);
        await anon.GotoAsync(browser.BaseUrl + "/pass/verify?t=" + Uri.EscapeDataString(token));
        await anon.WaitForSelectorAsync("#pv-result");
        Assert.DoesNotContain("/login", anon.Url);
        Assert.Equal("NotYetValid", await anon.GetAttributeAsync("#pv-result", "data-signature"));   // its day is three days ahead
        Assert.Contains("签名有效", await anon.InnerTextAsync("#pv-result"));
        Assert.Equal(plate, (await anon.InnerTextAsync("#pv-plate")).Trim());
        await anon.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "pass-verify-mobile.png"), FullPage = true });

        // A tampered code fails.
        var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        await anon.GotoAsync(browser.BaseUrl + "/pass/verify");
        await anon.FillAsync("#pv-token", tampered);
        await anon.ClickAsync("#pv-go");
        await anon.WaitForSelectorAsync("#pv-result[data-signature='BadSignature']");
        Assert.Contains("签名验证失败", await anon.InnerTextAsync("#pv-result"));
        output.WriteLine($"Screenshots: {BrowserFixture.ScreenshotDir}");
        File.Delete(png);
    }

    [Fact]
    public async Task Public_pages_work_on_a_phone_without_log_in()
    {
        var page = await browser.AnonymousPageAsync(390, 844);
        await page.GotoAsync(browser.BaseUrl + "/public");
        await page.WaitForSelectorAsync("#public-map.gf-map-ready");
        Assert.DoesNotContain("/login", page.Url);
        await page.WaitForSelectorAsync("#public-map .gf-marker-ChargingStation");
        Assert.True(await page.Locator("#public-facilities tbody tr").CountAsync() > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "public-home-mobile.png"), FullPage = true });

        // Where may my vehicle go: a medium diesel truck is kept out of the restricted zone.
        await page.GotoAsync(browser.BaseUrl + "/public/access");
        await page.WaitForSelectorAsync("#access-map.gf-map-ready");
        await page.SelectOptionAsync("#pa-class", "MediumTruck");
        await page.FillAsync("#pa-weight", "12000");
        await page.ClickAsync("#pa-go");
        await page.WaitForSelectorAsync("#pa-zones tr[data-allowed='false']");
        Assert.Contains("禁止驶入", await page.InnerTextAsync("#pa-zones"));
        await page.WaitForSelectorAsync("#access-map path.gf-shape-forbidden");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "public-access-mobile.png"), FullPage = true });

        // Guidance: nearest free bay to the town centre.
        await page.GotoAsync(browser.BaseUrl + "/public/guide");
        await page.WaitForSelectorAsync("#guide-map.gf-map-ready");
        await page.ClickAsync("#pg-go");
        await page.WaitForSelectorAsync("#pg-nearest tbody tr");
        await page.ClickAsync("#pg-trip");
        await page.WaitForSelectorAsync("#pg-trip-result");
    }
}
