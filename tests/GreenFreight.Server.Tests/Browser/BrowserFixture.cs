using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GreenFreight.Server.Tests.Browser;

/// <summary>
/// The platform on a real Kestrel port (SQLite, demo data) and the system Chromium driven by Playwright
/// (<c>/usr/bin/chromium</c> or <c>GREENFREIGHT_CHROMIUM</c>; headless; Playwright never downloads a browser here).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    readonly GreenFreightFactory _factory;

    public BrowserFixture() : this(null) { }

    /// <summary>With further configuration of the host (a fixture of its own, e.g. with a mail server to send to).</summary>
    protected BrowserFixture(IReadOnlyDictionary<string, string>? settings) =>
        _factory = new GreenFreightFactory(Provider.Sqlite) { Kestrel = true, Settings = settings ?? new Dictionary<string, string>() };
    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDir => Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("GREENFREIGHT_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN"],
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    public async Task<IPage> LoggedInPageAsync(string userName, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(BaseUrl + "/");
        await page.WaitForURLAsync("**/login**");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
        return page;
    }

    /// <summary>An HTTP client of the same server with an admin bearer token (to post positions and the like).</summary>
    public Task<HttpClient> AdminClientAsync() => _factory.ClientForAsync("admin");

    /// <summary>An HTTP client of the same server with a bearer token of another account.</summary>
    public Task<HttpClient> ClientAsync(string userName, string password) => _factory.ClientForAsync(userName, password);

    /// <summary>A page of a fresh browser context without log-in (the public pages).</summary>
    public async Task<IPage> AnonymousPageAsync(int width = 1440, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        _factory.Dispose();
    }
}
